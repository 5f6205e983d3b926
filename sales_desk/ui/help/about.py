"""About: the version, the data folder, the database (never with its password), the licences."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from sales_desk import __version__
from sales_desk.i18n import _
from sales_desk.ui.context import AppContext
from sales_desk.ui.help.about_info import licences, without_password


def about_html(ctx: AppContext) -> str:
    database = ctx.database
    folder = str(database.config.data_dir) if database is not None else ""
    # Translated here, not inside the f-strings below, where the extractor cannot see them.
    words = {key: escape(text) for key, text in {
        "name": _("Sales Desk"), "what": _("The firm’s sales internal-control policy, enforced by the program."),
        "folder": _("Data folder"), "database": _("Database"), "licences": _("Licences"),
        "component": _("Component"), "version": _("Version"), "does": _("What it does"), "licence": _("Licence"),
    }.items()}
    rows = "".join(
        f"<tr><td>{escape(row.name)}</td><td>{escape(row.version)}</td>"
        f"<td>{escape(_(row.purpose)) if row.purpose else ''}</td><td>{escape(_(row.licence))}</td></tr>"
        for row in licences())
    return (
        f"<h2>{words['name']} {escape(__version__)}</h2><p>{words['what']}</p>"
        "<table cellspacing='0' cellpadding='3'>"
        f"<tr><th align='left'>{words['folder']}</th><td>{escape(folder)}</td></tr>"
        f"<tr><th align='left'>{words['database']}</th><td>{escape(without_password(ctx.description))}</td></tr>"
        "</table>"
        f"<h3>{words['licences']}</h3><table cellspacing='0' cellpadding='3' border='1'>"
        f"<tr><th>{words['component']}</th><th>{words['version']}</th><th>{words['does']}</th>"
        f"<th>{words['licence']}</th></tr>{rows}</table>"
    )


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("About Sales Desk"))
        self.text = QTextBrowser()
        self.text.setObjectName("about_text")
        self.text.setOpenExternalLinks(True)
        self.text.setHtml(about_html(ctx))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(760, 620)

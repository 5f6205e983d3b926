"""The one thing pyproject.toml cannot say: the top-level resources/ folder ships inside the
package as sales_desk/resources (config.resources_dir() finds it there, or beside the
package in a source checkout). Everything else, package data included, is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["sales_desk", "sales_desk.*"]), "sales_desk.resources"],
    package_dir={"sales_desk.resources": "resources"},
)

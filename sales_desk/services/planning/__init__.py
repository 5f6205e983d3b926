"""Plans and the overview [销售计划, 预警管理]: sales plans and targets, the analysis charts, the dashboard's early warnings and the 'waiting for me' inbox (the Dashboard tab)."""

"""Planning rules: sales plans and targets [销售计划] and the early warnings [预警管理]."""

"""Activities, the team's days and territories (issue 18; seed 003 1.2.2 人员管理 and 1.2.5
销售组织; seed 001 客户关系维护办法): pure rules, no database."""

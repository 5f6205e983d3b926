"""Customer care [客户关系维护] (issue 19): complaints and after-sales service cases, satisfaction,
their analysis, key-account screening. `cases.complaints_per_rep` feeds the evaluation."""

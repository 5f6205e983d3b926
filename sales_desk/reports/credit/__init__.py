"""The credit forms: the evaluation sheet [客户信用调查评定表], the rating report, the monthly credit audit."""

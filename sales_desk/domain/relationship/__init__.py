"""Caring for customers [客户关系维护] (seed 001 客户关系维护办法 第5–11条; seed 003 1.3): the
customer maintenance plans, the industry and market information reports, and each customer's
lifecycle stage, value grade and churn risk. Pure rules."""

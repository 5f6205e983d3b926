"""Customer care [客户关系维护]: complaints and after-sales service, satisfaction, key accounts."""

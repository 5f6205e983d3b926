"""Customer-file rules [客户档案] and the customer import's columns and checks."""

"""Order rules: the contract's life and credit check [销售合同, 授信执行], price ranges [产品定价], dispatch and returns [产品发货]."""

"""Credit management [客户信用管理]: investigation, rating, limit and term, holds and re-ratings, the monthly credit audit (the Credit tab)."""

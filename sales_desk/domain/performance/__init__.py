"""Judging the work: performance evaluation [工作表现及评估] and commission [提成方案]."""

"""What every feature's services share: the permission-checking decorator and the acting user, document numbers and the business date, reading a spreadsheet safely, stored files."""

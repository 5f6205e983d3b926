"""The sales contract, the dispatch note and the dispatch register."""

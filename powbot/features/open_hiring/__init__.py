"""open_hiring"""

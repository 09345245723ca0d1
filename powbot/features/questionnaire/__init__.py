"""questionnaire"""

"""Understanding free text, in this order: safety (crisis help) first, then the current step's
own parser, then intents that hold in every state (greeting, a person, help, language, stop,
a vacancy for employers, a typed invite code), then the language note for text in a language
the bot does not speak, then the FAQ, and last an honest way on. See pipeline.py."""

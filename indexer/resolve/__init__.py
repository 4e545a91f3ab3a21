"""Resolution across articles: which speaker names are one person (`identities`)."""

"""The texts and sources a book quotes, and their matchers: the Qur'an
(`quran.py`, Tanzil's text in `data/`), the surahs and the Qur'an references
authors type (`surahs.py`), the hadith of al-Bukhari and Muslim
(`hadith.py`), and the author's own ledger of sources (`ledger.py`,
`sources.toml`).  The transforms use them to identify and cite quotations."""

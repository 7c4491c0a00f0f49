"""tools/page_text.py: what counts as English left in a Chinese page."""

from __future__ import annotations

from page_text import problems   # tests/conftest.py puts tools/ on the path


def test_a_status_phrase_on_its_own_line_is_not_untranslated_prose():
    # The codes index shows each phrase alone in a table cell; phrases stay English.
    assert problems("520\nWeb Server Returns an Unknown Error\n不是注册的状态码。") == []


def test_an_english_sentence_is_still_reported_even_when_it_holds_a_phrase():
    text = "Cloudflare says the Web Server Returns an Unknown Error here"
    assert problems(text) == [f"untranslated English: {text}"]

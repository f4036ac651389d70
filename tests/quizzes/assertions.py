"""The answer-leak rule as an assertion, for any page that shows an open question."""

from django.utils.html import escape


def assert_no_correctness(html, slot):
    """Nothing in the page says which choice is correct, or why."""
    lowered = html.lower()
    assert "correct" not in lowered
    for marker in ("is-right", "is-wrong", "rationale", "debrief", "well judged", "not this time"):
        assert marker not in lowered
    hidden = [choice["rationale"] for choice in slot.snapshot.get("choices", [])]
    for step in slot.snapshot.get("steps", {}).values():
        hidden += [step["debrief"]] if step["debrief"] else []
        hidden += [choice["rationale"] for choice in step["choices"]]
        for choice in step["choices"]:
            assert f'"{choice["next"]}"' not in html, "where a choice leads is not in the page"
    for text in hidden:
        # Pages escape apostrophes and quotes, so look for the text as the page would show it.
        assert escape(text.strip()) not in html
        assert text.strip() not in html

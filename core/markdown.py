"""Markdown for authored content, rendered once and sanitised with an allow-list.

Authors write Markdown; pages show the stored HTML this returns. Raw HTML in the source is
escaped by the allow-list, so a ``<script>`` never reaches a page.
"""

import markdown
import nh3

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}


def render_markdown(source):
    html = markdown.markdown(source or "", extensions=["extra", "sane_lists", "smarty"])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )

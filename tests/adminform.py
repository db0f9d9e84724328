"""Reading an admin page's form the way a browser would submit it."""

from __future__ import annotations

from html.parser import HTMLParser

from django.test import Client


class _FormFields(HTMLParser):
    """The fields of the admin's change form with the values it shows."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in ("submit", "file"):
            if attributes.get("type") != "checkbox" or "checked" in attributes:
                self.fields[name] = attributes.get("value") or (
                    "on" if "checked" in attributes else ""
                )
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.fields.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attributes:
            self.fields[self._select] = attributes.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


def change_form(client: Client, url: str, newline: str = "\n") -> dict[str, str]:
    """The form's fields as a browser submits them, line breaks written as ``newline``
    (browsers send CRLF)."""
    page = client.get(url)
    assert page.status_code == 200
    parser = _FormFields()
    parser.feed(page.content.decode())
    # The browser drops the newline right after <textarea>.
    return {
        name: value.removeprefix("\n").replace("\n", newline)
        for name, value in parser.fields.items()
    }

"""Readers' accounts: sign up, log in and out, change and reset a password."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

NEW = "another-long-password"


def _sign_up(client: Client, **fields: str):
    data = {
        "username": "bo",
        "email": "bo@example.org",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **fields,
    }
    return client.post("/accounts/signup/", data)


def test_signing_up_makes_a_reader_and_logs_them_in():
    client = Client()
    response = _sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/reading/"
    bo = get_user_model().objects.get(username="bo")
    assert bo.email == "bo@example.org"
    assert not bo.is_staff
    assert not bo.is_superuser
    page = client.get("/").content.decode()
    assert "bo" in page
    assert "My reading" in page
    assert "Log out" in page
    assert "Sign up" not in page


def test_a_reader_has_no_admin():
    client = Client()
    _sign_up(client)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"password1": "short", "password2": "short"}, "password2", "too short"),
        ({"password2": "something-else-entirely"}, "password2", "didn’t match"),
        ({"email": ""}, "email", "This field is required"),
        ({"email": "ANN@example.org"}, "email", "already has an account"),
        ({"username": "ANN"}, "username", "already exists"),
    ],
)
def test_sign_up_errors_are_linked_to_their_fields(reader, fields, field, message):
    response = _sign_up(Client(), **fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    field_tag = re.search(rf'<input[^>]*name="{field}"[^>]*>', html)[0]
    assert 'aria-invalid="true"' in field_tag
    assert f"id_{field}_error" in field_tag  # aria-describedby names the error
    assert f'id="id_{field}_error"' in html
    assert get_user_model().objects.count() == 1


def test_pages_label_every_field():
    for url in ("/accounts/signup/", "/accounts/login/", "/accounts/password/reset/"):
        html = Client().get(url).content.decode()
        for name in re.findall(r'<input[^>]*type="(?:text|email|password)"[^>]*id="(\w+)"', html):
            assert f'for="{name}"' in html, (url, name)


def test_logging_in_and_out(reader):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "ann", "password": PASSWORD, "next": "/authors/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/authors/"
    assert "ann" in client.get("/").content.decode()
    assert client.get("/accounts/logout/").status_code == 405  # GET never logs out
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "Log in" in client.get("/").content.decode()


def test_a_wrong_password_says_so_without_saying_which(reader):
    response = Client().post("/accounts/login/", {"username": "ann", "password": "nope"})
    assert response.status_code == 200
    assert "enter a correct username and password" in response.content.decode()


def test_logins_are_throttled(reader):
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"username": "ann", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "ann", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_changing_a_password(reader, reader_client):
    response = reader_client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.check_password(NEW)
    assert reader_client.get("/reading/").status_code == 200  # still logged in


def test_resetting_a_password_by_mail(reader):
    client = Client()
    response = client.post("/accounts/password/reset/", {"email": "ann@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ann@example.org"]
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body)[1]
    form = client.get(link, follow=True)
    assert form.status_code == 200
    set_url = form.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.check_password(NEW)


def test_no_mail_for_an_unknown_address_and_the_same_answer(reader):
    response = Client().post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []

"""Readers' pages: accounts, shelves and reading logged, what they share and keep.
Included once from readingroom/urls.py."""

from django.urls import path

from . import accounts, privacy, shelves

urlpatterns = [
    path("accounts/signup/", accounts.sign_up, name="signup"),
    path("accounts/login/", accounts.log_in, name="login"),
    path("accounts/logout/", accounts.log_out, name="logout"),
    path("accounts/password/change/", accounts.password_change, name="password-change"),
    path("accounts/password/changed/", accounts.password_changed, name="password-changed"),
    path("accounts/password/reset/", accounts.password_reset, name="password-reset"),
    path("accounts/password/reset/sent/", accounts.password_reset_sent, name="password-reset-sent"),
    path(
        "accounts/reset/<uidb64>/<token>/",
        accounts.password_reset_confirm,
        name="password_reset_confirm",  # the name Django's reset mail links to
    ),
    path("accounts/password/reset/done/", accounts.password_reset_done, name="password-reset-done"),
    path("accounts/settings/", privacy.account_settings, name="account-settings"),
    path("accounts/data.json", privacy.data_json, name="my-data-json"),
    path("accounts/data.zip", privacy.data_csv, name="my-data-csv"),
    path("accounts/delete/", privacy.delete_account, name="delete-account"),
    path("reading/", shelves.my_reading, name="my-reading"),
    path("reading/import/", shelves.import_view, name="import-history"),
    path("reading/works/<slug:slug>/shelf/", shelves.shelve, name="shelve"),
    path("reading/works/<slug:slug>/log/", shelves.log_sitting, name="log-sitting"),
    path("readers/<str:username>/", privacy.public_shelves, name="reader"),
]

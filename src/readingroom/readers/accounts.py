"""Readers' accounts on Django's own views: sign up, log in and out, change a password
and reset a forgotten one by mail. Logins go through django-axes like the admin's
(AuthenticationForm authenticates with the request, which axes needs to throttle)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from .forms import SignUpForm

# The backend sign-up logs in with: axes's backend only watches authenticate().
_BACKEND = "django.contrib.auth.backends.ModelBackend"


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """A new reader's account (never staff: the admin stays the editors'), logged in."""
    if request.user.is_authenticated:
        return redirect("my-reading")
    form = SignUpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend=_BACKEND)
        messages.success(request, f"Welcome, {user.get_username()}: your account is ready.")
        return redirect("my-reading")
    return render(request, "readers/signup.html", {"form": form})


log_in = auth.LoginView.as_view(
    template_name="readers/login.html", redirect_authenticated_user=True
)
log_out = auth.LogoutView.as_view()
password_change = auth.PasswordChangeView.as_view(
    template_name="readers/password_change.html", success_url=reverse_lazy("password-changed")
)
password_changed = auth.PasswordChangeDoneView.as_view(
    template_name="readers/password_changed.html"
)
password_reset = auth.PasswordResetView.as_view(
    template_name="readers/password_reset.html",
    email_template_name="readers/password_reset_email.txt",
    subject_template_name="readers/password_reset_subject.txt",
    success_url=reverse_lazy("password-reset-sent"),
)
password_reset_sent = auth.PasswordResetDoneView.as_view(
    template_name="readers/password_reset_sent.html"
)
password_reset_confirm = auth.PasswordResetConfirmView.as_view(
    template_name="readers/password_reset_confirm.html",
    success_url=reverse_lazy("password-reset-done"),
)
password_reset_done = auth.PasswordResetCompleteView.as_view(
    template_name="readers/password_reset_done.html"
)

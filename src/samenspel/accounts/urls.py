from django.urls import path

from samenspel.accounts.views import login, password, second_factor

app_name = "accounts"
urlpatterns = [
    path("inloggen/", login.login, name="login"),
    path("uitloggen/", login.logout, name="logout"),
    path("tweede-factor/", second_factor.verify, name="verify"),
    path("tweede-factor/instellen/", second_factor.enrol, name="enrol"),
    path("tweede-factor/herstelcodes/", second_factor.recovery_codes, name="recovery_codes"),
    path("bevestigen/", second_factor.step_up, name="step_up"),
    path("wachtwoord/vergeten/", password.PasswordResetRequestView.as_view(), name="password_reset"),
    path("wachtwoord/vergeten/verstuurd/", password.PasswordResetSentView.as_view(), name="password_reset_done"),
    path(
        "wachtwoord/instellen/<uidb64>/<token>/",
        password.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("wachtwoord/ingesteld/", password.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("wachtwoord/wijzigen/", password.PasswordChangeView.as_view(), name="password_change"),
    path("wachtwoord/gewijzigd/", password.PasswordChangeDoneView.as_view(), name="password_change_done"),
]

"""The settings of accounts and signing in: passwords, e-mailed links, ProConnect, the
second factor and the sign-in cool-offs. Part of ``programme.settings``, which imports
every name here; every variable is in the README's configuration table."""

from programme.environment import env

AUTH_USER_MODEL = "programme.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "sesame.backends.ModelBackend",
    # Always listed: it checks no credential (authenticate() answers None), it only
    # loads the user of a session that the ProConnect callback opened, and refuses to
    # while ProConnect is not configured, so that turning it off ends those sessions.
    "programme.proconnect.ProConnectBackend",
]
# Argon2id first: new passwords are hashed with it, and a password hashed with one of the
# others still verifies once and is then hashed again with Argon2 (Django upgrades it).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # The site's own words (« tremplin », the programme's name) are the first guesses.
    {"NAME": "programme.passwords.SiteWordsValidator", "OPTIONS": {"words": ["tremplin"]}},
]
# A password-reset link works once, for an hour.
PASSWORD_RESET_TIMEOUT = 60 * 60
LOGIN_URL = "accounts:sign_in"
# Signed in without a page to go back to: the person's own space (applications, jury).
LOGIN_REDIRECT_URL = "projects:team_space"

# Sign-in links sent by e-mail (django-sesame): one use, a quarter of an hour. Signing in
# (or changing the password) revokes every link sent before.
SESAME_MAX_AGE = 15 * 60
SESAME_ONE_TIME = True

# ProConnect, the State's OpenID Connect federation for public-sector agents: off unless
# the issuer, the client id and the client secret are all given (the sign-in pages then
# show no ProConnect button). The issuer is the one of the partner space's environment
# (test or production); the discovery document is read at
# `<issuer>/.well-known/openid-configuration`. ProConnect asks for the scopes below and
# the `acr_values` eidas1; an empty TREMPLIN_PROCONNECT_ACR_VALUES asks for none.
PROCONNECT = {
    "issuer": env("TREMPLIN_PROCONNECT_ISSUER").rstrip("/"),
    "client_id": env("TREMPLIN_PROCONNECT_CLIENT_ID"),
    "client_secret": env("TREMPLIN_PROCONNECT_CLIENT_SECRET"),
    "scopes": env("TREMPLIN_PROCONNECT_SCOPES", "openid email given_name usual_name uid siret"),
    "acr_values": env("TREMPLIN_PROCONNECT_ACR_VALUES", "eidas1"),
    # Seconds to wait for the provider's back-channel answers (discovery, token, keys).
    "timeout": float(env("TREMPLIN_PROCONNECT_TIMEOUT", "10")),
}

# Rate limits (django-ratelimit) count in the default cache: set REDIS_URL in production
# so that every worker shares the counts. Behind a reverse proxy REMOTE_ADDR is the
# proxy's address for everyone: name the header the proxy sets to the visitor's address
# (e.g. HTTP_X_REAL_IP), or every visitor shares one counter.
RATELIMIT_IP_META_KEY = env("DJANGO_RATELIMIT_IP_META_KEY") or None

# Second factor and sign-in throttling (programme.second_factor, programme.throttle).
# Staff and jury chairs pass a one-time code (an authenticator app, or one of their
# recovery codes) after their password or e-mailed link; the issuer names the site in
# the authenticator app.
OTP_TOTP_ISSUER = env("TREMPLIN_OTP_ISSUER", "Tremplin")
TREMPLIN_RECOVERY_CODES = 10
# Failed sign-ins (a wrong password, a wrong code) are counted in the database, which
# every worker shares, per account and address, and per address. Past the limit, that
# pair (or that address) waits, first TREMPLIN_LOGIN_COOLOFF_SECONDS, then twice as
# long at each new failure, up to TREMPLIN_LOGIN_COOLOFF_MAX_SECONDS. A count is
# forgotten after a day without failure, or at a successful sign-in (the pair's).
TREMPLIN_LOGIN_FAILURES_PER_ACCOUNT = int(env("TREMPLIN_LOGIN_FAILURES_PER_ACCOUNT", "5"))
TREMPLIN_LOGIN_FAILURES_PER_IP = int(env("TREMPLIN_LOGIN_FAILURES_PER_IP", "20"))
TREMPLIN_LOGIN_COOLOFF_SECONDS = int(env("TREMPLIN_LOGIN_COOLOFF_SECONDS", "60"))
TREMPLIN_LOGIN_COOLOFF_MAX_SECONDS = int(env("TREMPLIN_LOGIN_COOLOFF_MAX_SECONDS", "3600"))
# Requests for a sign-in link, per hour: a class of 30 behind one school address must
# each get theirs.
TREMPLIN_SIGN_IN_LINKS_PER_IP = env("TREMPLIN_SIGN_IN_LINKS_PER_IP", "200/h")

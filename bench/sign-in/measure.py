"""Creates the first Admin through /setup, then times refused sign-ins (see run.sh)."""
import html
import http.cookiejar
import re
import statistics
import sys
import time
import urllib.parse
import urllib.request

BASE, ATTEMPTS = sys.argv[1], int(sys.argv[2])
ADMIN, PASSWORD = "admin@example.com", "bench-admin-password"


def opener():
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def token(client, path):
    page = client.open(BASE + path).read().decode()
    return html.unescape(re.search(r'name="__RequestVerificationToken" value="([^"]+)"', page).group(1))


def post(client, path, form_name, fields):
    form = dict(fields, _handler=form_name, __RequestVerificationToken=token(client, path))
    data = urllib.parse.urlencode(form).encode()
    started = time.perf_counter()
    try:
        with client.open(BASE + path, data) as response:
            body = response.read().decode()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read().decode(), error.code
    return (time.perf_counter() - started) * 1000, status, body


def sign_in(email, password):
    return post(opener(), "/account/login", "login", {"Input.Email": email, "Input.Password": password})


post(opener(), "/setup", "setup", {"Input.DisplayName": "Bench", "Input.Email": ADMIN,
                                   "Input.Password": PASSWORD, "Input.ConfirmPassword": PASSWORD})
assert sign_in(ADMIN, PASSWORD)[1] == 302, "the Admin cannot sign in"
for _ in range(3):  # warm-up: JIT, connection pools
    sign_in("warm-up@example.com", "wrong-password")


def measure(label, email):
    samples, messages = [], set()
    for _ in range(ATTEMPTS):
        ms, status, body = sign_in(email, "wrong-password")
        samples.append(ms)
        found = re.search(r'data-testid="login-error">([^<]*)<', body)
        messages.add(f"{status} {found.group(1) if found else '?'}")
    samples.sort()
    p90 = samples[int(len(samples) * 0.9) - 1]
    print(f"{label:<36} median {statistics.median(samples):6.1f} ms  p90 {p90:6.1f} ms  answers: {' | '.join(sorted(messages))}")


measure("existing account, wrong password", ADMIN)
measure("unknown account", "nobody@example.com")
for _ in range(5):  # lock the Admin: MaxFailedAccessAttempts is attempts + 5
    sign_in(ADMIN, "wrong-password")
measure("locked account", ADMIN)

#!/usr/bin/env python3
"""Measures the compliance pages and evaluation on a portal loaded by generate.sql (see run.sh)."""
import argparse, http.cookiejar, json, random, re, statistics, time, urllib.request

p = argparse.ArgumentParser()
p.add_argument('--base'); p.add_argument('--token'); p.add_argument('--user'); p.add_argument('--password')
p.add_argument('--requests', type=int, default=100); p.add_argument('--events', type=int, default=100); p.add_argument('--log')
a = p.parse_args()

jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def call(method, path, body=None, token=None, accept='application/json'):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(a.base + path, data=data, method=method)
    req.add_header('Accept', accept)
    if token:
        req.add_header('Authorization', 'Bearer ' + token)
    if body is not None and not isinstance(body, bytes):
        req.add_header('Content-Type', 'application/json')
    started = time.perf_counter()
    with opener.open(req) as res:
        head = res.read(1)  # first byte: the server finished rendering (pages are rendered before they are sent)
        first = time.perf_counter() - started
        return first * 1000, res.status, head + res.read()


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


projects = ['bench-%03d' % i for i in range(1, 101)]

# Full evaluation of every environment (what an admin's re-evaluation does), timed per project.
full = []
for key in projects:
    ms, status, _ = call('POST', '/api/v1/projects/%s/compliance/evaluate' % key, token=a.token)
    full.append(ms)
print('full evaluation of a project (3 environments, API round trip): p50 %.1f ms, p95 %.1f ms, total %.1f s'
      % (pct(full, .5), pct(full, .95), sum(full) / 1000))

# Sign in for the pages (form login with CSRF).
_, _, html = call('GET', '/login', accept='text/html')
csrf = re.search(rb'name="_csrf" value="([^"]+)"', html).group(1).decode()
form = ('username=%s&password=%s&_csrf=%s' % (a.user, a.password, csrf)).encode()
req = urllib.request.Request(a.base + '/login', data=form, method='POST')
req.add_header('Content-Type', 'application/x-www-form-urlencoded')
opener.open(req).read()

pages = {
    'overview': lambda: '/',
    'project': lambda: '/projects/' + random.choice(projects),
    'environment': lambda: '/projects/%s/environments/%s' % (random.choice(projects), random.choice(['dev', 'staging', 'prod'])),
}
for name, path in pages.items():
    for _ in range(5):
        call('GET', path(), accept='text/html')  # warm-up
    times = [call('GET', path(), accept='text/html')[0] for _ in range(a.requests)]
    print('%-12s page: p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%d requests)' % (name, pct(times, .5), pct(times, .95), max(times), len(times)))

# One new event at a time: a deployment posted through the ingest API; its listener re-evaluates the environment.
tokens = {}
for i in range(a.events):
    key = random.choice(projects)
    if key not in tokens:
        _, _, body = call('POST', '/api/v1/projects/%s/tokens' % key,
                          {'name': 'bench-deployer', 'scopes': ['deploy:write'], 'environments': ['prod']}, token=a.token)
        tokens[key] = json.loads(body)['token']
    call('POST', '/api/v1/deployments', {
        'project': key, 'environment': 'prod', 'provider': 'bench', 'externalId': 'new-%d-%d' % (int(time.time()), i), 'attempt': 1,
        'commitSha': 'a' * 40, 'fromRevision': 'r0200', 'toRevision': 'r0200', 'status': 'succeeded',
        'startedAt': time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()), 'actor': {'type': 'pipeline', 'name': 'bench'}}, token=tokens[key])
    time.sleep(0.05)
time.sleep(3)
lines = open(a.log).read().split('\n')
evaluations = [float(m.group(1)) for m in (re.search(r'Evaluated bench-\d+/prod in ([\d.]+) ms', l) for l in lines) if m]
new = evaluations[-a.events:]
print('evaluation of one new deployment event (prod, in-app): p50 %.1f ms  p95 %.1f ms  max %.1f ms  (%d events)'
      % (pct(new, .5), pct(new, .95), max(new), len(new)))

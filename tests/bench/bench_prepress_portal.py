"""The customer's proof page and artwork upload on the portal.

`bench prepress.proof_page_rounds_1 <n> queries` and `bench prepress.proof_page_rounds_10 <n>
queries`: the page of a proof round awaiting the customer (`/my/proofs/<id>`, with its file,
its answer forms and the list of the job's earlier rounds and their answers), when the job
had 1 earlier round, then 10. The two counts are expected equal (no query per earlier
round), at most 25.

`bench prepress.upload_50mb_peak_rss <ratio> x`: a 50 MB artwork file posted to the job's
portal upload route (`/my/print_jobs/<id>/artwork`); the figure is the growth of the
process's peak resident memory during that request divided by the file's size. 1 x means
the server held one copy of the file in memory at its peak; the target is at most 2.

How it is measured: there is no HTTP server in a benchmark, so the requests go through
Odoo's own WSGI application (`odoo.http.root`) in-process, with werkzeug's test client and
a session of the portal user, exactly as a browser's requests would: routing, session and
CSRF checks, multipart parsing, the controller, the record rules, the models and the QWeb
rendering of the whole page. As in Odoo's HttpCase, the registry is in test mode so that
the request's cursor runs inside the benchmark's transaction (everything is rolled back);
that mode skips the one query a real server makes per request to check the registry
signaling, so the benchmark adds it, as Odoo's website performance tests do. Each count is
taken on a warm request (the first ones fill the ORM and QWeb caches), with the cursor's
query counter (`sql_log_count`).

Memory is real memory, not Python's allocations: the resident set size the kernel reports
(/proc/self/status). Before the upload the peak (VmHWM) is reset to the current resident size
(writing 5 to /proc/self/clear_refs, Linux 4.0+), so the growth is VmHWM after the request
minus VmRSS before it, whatever the process used earlier (loading the registry peaks far
higher than a request). tracemalloc would miss copies made outside Python's allocator
(hashing, the database driver, the C parts of werkzeug) and resource.getrusage's ru_maxrss
cannot be reset, so an earlier peak would hide the request's. The file is written to disk
in chunks beforehand and the test client streams it from there (werkzeug spools a multipart
body over 500 KB to a temporary file on both sides), so neither the file nor the request
body is in memory before the request starts.
"""

import gc
import os
import re
import sys
import tempfile
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import http_session, odoo_env, report  # noqa: E402

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
UPLOAD_SIZE = 50 * 1024 * 1024


def _customer(env):
    from odoo import Command

    company = env["res.partner"].create(
        {"name": "Bench Harbour Books", "is_company": True, "print_job_notify": False}
    )
    contact = env["res.partner"].create(
        {"name": "Bench Mei", "parent_id": company.id, "email": "mei@bench.example"}
    )
    user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Bench Mei",
                "login": "bench-portal-proofs",
                "partner_id": contact.id,
                "groups_id": [Command.set([env.ref("base.group_portal").id])],
            }
        )
    )
    return user


def _job(env, partner, title):
    from odoo import fields

    order = env["sale.order"].create({"partner_id": partner.id})
    return env["print.job"].create(
        {
            "title": title,
            "partner_id": partner.id,
            "sale_order_id": order.id,
            "quantity": 2500,
            "route_id": env.ref("print_crm_tracking.route_offset_sheet_flat").id,
            "due_date": fields.Datetime.now() + timedelta(days=10),
        }
    )


def _send_round(env, proof):
    env["print.proof.file"]._add(proof, f"proof-round-{proof.round}.pdf", PDF + b"%" * proof.round)
    proof.write({"note": f"Round {proof.round}: please check the colours."})
    proof.action_send()
    return proof


def _add_rounds(env, job, partner, count):
    """``count`` rounds answered with changes, then the next round sent; returns it."""
    proof = job.print_proof_ids.filtered(lambda p: p.state == "sent")[:1]
    if not proof:
        proof = _send_round(env, env["print.proof"].create({"job_id": job.id}))
    for i in range(count):
        proof._answer("changes", partner, comment=f"Change {i}: bigger logo")
        proof = _send_round(env, proof.next_id)
    env.flush_all()
    return proof


def _page_queries(env, client, headers, proof, earlier):
    """Queries of one warm GET of the round's page, as a real server would make them."""
    url = f"/my/proofs/{proof.id}"
    for __ in range(2):
        assert client.get(url, headers=headers).status_code == 200
    cr = env.cr
    before = cr.sql_log_count
    env.registry.get_sequences(cr)  # the registry signaling check of a real server
    response = client.get(url, headers=headers)
    count = cr.sql_log_count - before
    body = response.get_data(as_text=True)
    assert response.status_code == 200, response.status
    assert "o_print_proof_answer_forms" in body, "the page did not offer the answer"
    rows = len(re.findall(r"<tr data-round=", body))
    assert rows == earlier, (rows, earlier)
    return count


def _memory_kb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not in /proc/self/status")


def _upload_peak_ratio(env, client, headers, job):
    """Peak resident memory growth of the upload request, over the file's size."""
    page = client.get(f"/my/print_jobs/{job.id}", headers=headers).get_data(as_text=True)
    csrf = re.search(
        r'<form[^>]*o_print_artwork_upload.*?name="csrf_token" value="([^"]+)"', page, re.S
    ).group(1)
    with tempfile.TemporaryFile() as upload:
        chunk = os.urandom(1024 * 1024)
        upload.write(b"%PDF-1.4\n")
        for __ in range(UPLOAD_SIZE // len(chunk)):
            upload.write(chunk)
        size = upload.tell()
        upload.seek(0)
        del chunk
        gc.collect()
        before = _memory_kb("VmRSS")
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")  # the peak starts again from the current resident size
        response = client.post(
            f"/my/print_jobs/{job.id}/artwork",
            headers=headers,
            data={
                "csrf_token": csrf,
                "note": "Final artwork",
                "artwork": (upload, "bench-artwork.pdf", "application/pdf"),
            },
        )
        peak = _memory_kb("VmHWM")
    assert response.status_code == 303, (response.status, response.get_data(as_text=True)[-2000:])
    assert "uploaded=" in response.headers["Location"], response.headers["Location"]
    env.invalidate_all()
    artwork = job.print_artwork_ids.filtered("is_current")
    assert artwork.file_size == size, (artwork.file_size, size)
    return (peak - before) * 1024 / size


def main():
    from werkzeug.test import Client

    import odoo

    with odoo_env() as env:
        user = _customer(env)
        partner = user.partner_id
        job = _job(env, partner, "Bench catalogue")
        upload_job = _job(env, partner, "Bench poster")
        session = http_session(env, user)
        client = Client(odoo.http.root, use_cookies=False)
        headers = {"Cookie": f"session_id={session.sid}"}
        env.registry.enter_test_mode(env.cr)
        try:
            rounds_1 = _page_queries(env, client, headers, _add_rounds(env, job, partner, 1), 1)
            rounds_10 = _page_queries(env, client, headers, _add_rounds(env, job, partner, 9), 10)
            ratio = _upload_peak_ratio(env, client, headers, upload_job)
        finally:
            env.registry.leave_test_mode()
            odoo.http.root.session_store.delete(session)
        report("prepress.proof_page_rounds_1", rounds_1, "queries")
        report("prepress.proof_page_rounds_10", rounds_10, "queries")
        report("prepress.upload_50mb_peak_rss", ratio, "x")


if __name__ == "__main__":
    main()

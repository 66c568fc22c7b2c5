"""Runs scripts that `nnjson export --to pytorch` wrote, for the export tests, in one Python process (torch is
imported once): each job of the JSON list given as the only argument is one of

    {"script": PATH, "argv": [...], "cwd": DIR}    the script's command line (main(argv)), its printout kept
    {"script": PATH, "forward": INPUT, "output": OUTPUT}
        the network with the script's weights, in evaluation mode, on the float32 rows of INPUT (already scaled),
        its outputs written to OUTPUT as float32
    {"script": PATH, "rows": DATA, "output": OUTPUT}
        the rows the script reads from DATA (read_data: scaled, as the network takes them), written to OUTPUT as float32

and the answer, printed as JSON, is one entry per job: {"status": exit status, "printed": what it printed}.
"""
import contextlib
import importlib.util
import io
import json
import os
import sys

import torch


def load(path):
    spec = importlib.util.spec_from_file_location(os.path.splitext(os.path.basename(path))[0], path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def forward(script, job):
    network = script.build_network()
    script.load_weights(network)
    network.eval()
    x = torch.frombuffer(bytearray(open(job['forward'], 'rb').read()), dtype=torch.float32)
    with torch.no_grad():
        output = network(x.reshape(-1, *script.INPUT_SHAPE))
    with open(job['output'], 'wb') as file:
        file.write(script.float32_bytes(output))
    return 0


def rows(script, job):
    x, _ = script.read_data(job['rows'], require_targets=False)
    with open(job['output'], 'wb') as file:
        file.write(script.float32_bytes(x))
    return 0


def run(job):
    printed = io.StringIO()
    here = os.getcwd()
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            os.chdir(job.get('cwd', here))
            script = load(job['script'])
            status = forward(script, job) if 'forward' in job else rows(script, job) if 'rows' in job else script.main(job['argv'])
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 1
        printed.write(str(stop.code) if not isinstance(stop.code, int) else '')
    finally:
        os.chdir(here)
    return {'status': status or 0, 'printed': printed.getvalue()}


if __name__ == '__main__':
    with open(sys.argv[1]) as file:
        jobs = json.load(file)
    print(json.dumps([run(job) for job in jobs]))

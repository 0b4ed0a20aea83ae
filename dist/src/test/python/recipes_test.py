"""Runs the CI recipes in docs/recipes against a locally built bundle, so a wrong recipe fails.

A folder stands in for the release downloads (SCAPULA_RELEASES=file://...), a fake `make` puts a
sample plugin at build/libmyplugin.so, and test/captures holds a capture the bundle records. Each
recipe runs twice: with a plugin whose release is right (it must pass and write its SARIF files)
and with one that understates its version bump (it must fail).
  check.sh          run as it is, with sh
  gitlab-check.yml  the job's script lines, in one bash that stops at the first failing line, as
                    GitLab runs them (before_script, the image's set-up, is not run)
  github-check.yml  each step as Actions runs it: run steps with bash -e, the scapula step through
                    this repository's action.yml (inputs, defaults and env as the runner fills
                    them in), the upload steps checked for their SARIF file; checkout is skipped
and docs/ci.md must show each recipe as it is (less its leading comment).
Usage: recipes_test.py TARBALL VERSION
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
RECIPES = os.path.join(ROOT, "docs", "recipes")


def sh(cmd, cwd, env, shell="bash"):
    return subprocess.run([shell, "-e", "-c", cmd], cwd=cwd, env=env).returncode


def expand(text, contexts):
    """Replaces ${{ a.b }} as the Actions runner does, for the contexts the recipe uses."""
    def one(m):
        ctx, _, key = m.group(1).strip().partition(".")
        if ctx not in contexts or key not in contexts[ctx]:
            raise AssertionError(f"unknown expression ${{{{ {m.group(1).strip()} }}}}")
        return str(contexts[ctx][key])
    return re.sub(r"\$\{\{([^}]*)\}\}", one, str(text))


def run_action(with_values, repo, env):
    action = yaml.safe_load(open(os.path.join(ROOT, "action.yml")))
    inputs = {}
    for name, spec in action["inputs"].items():
        if spec.get("required") and name not in with_values:
            raise AssertionError(f"the recipe leaves out the required input {name}")
        inputs[name] = with_values.get(name, spec.get("default", ""))
    unknown = set(with_values) - set(action["inputs"])
    if unknown:
        raise AssertionError(f"the recipe gives inputs action.yml does not have: {unknown}")
    contexts = {"inputs": inputs, "github": {"action_repository": "OWNER/scapula"}, "steps": {}}
    for step in action["runs"]["steps"]:
        if "run" in step:
            step_env = dict(env, GITHUB_ACTION_PATH=ROOT)
            step_env.update({k: expand(v, contexts) for k, v in step.get("env", {}).items()})
            rc = sh(expand(step["run"], contexts), repo, step_env)
            if rc != 0:
                return rc
        elif step["uses"].startswith("github/codeql-action/upload-sarif@"):
            # the condition holds when its file exists; then the file must be SARIF 2.1.0
            sarif = expand(step["with"]["sarif_file"], contexts)
            wanted = re.search(r"hashFiles\('([^']*)'\)", step["if"]).group(1)
            if os.path.exists(os.path.join(repo, wanted)):
                doc = json.load(open(os.path.join(repo, sarif)))
                assert doc["version"] == "2.1.0", f"{sarif}: not SARIF 2.1.0"
        else:
            raise AssertionError(f"action.yml uses {step['uses']}, which this test cannot run")
    return 0


def run_github(repo, env):
    wf = yaml.safe_load(open(os.path.join(RECIPES, "github-check.yml")))
    wf_env = {k: env.get(k, str(v)) for k, v in wf.get("env", {}).items()}
    env = dict(env, **wf_env)
    for job in wf["jobs"].values():
        for step in job["steps"]:
            if "run" in step:
                rc = sh(step["run"], repo, env)
            elif step["uses"].startswith("actions/checkout@"):
                continue
            elif re.match(r"[^/]+/scapula@", step["uses"]):
                with_values = {k: expand(v, {"env": wf_env}) for k, v in step.get("with", {}).items()}
                rc = run_action(with_values, repo, env)
            else:
                raise AssertionError(f"the recipe uses {step['uses']}, which this test cannot run")
            if rc != 0:
                return rc
    return 0


def run_gitlab(repo, env):
    ci = yaml.safe_load(open(os.path.join(RECIPES, "gitlab-check.yml")))
    job = ci["scapula"]
    env = dict(env, **{k: env.get(k, str(v)) for k, v in job.get("variables", {}).items()})
    return sh("\n".join(job["script"]), repo, env)


def run_shell(repo, env):
    return subprocess.run(["sh", os.path.join(RECIPES, "check.sh")], cwd=repo, env=env).returncode


def shown_in_docs(recipe):
    """The recipe, less its leading comment (and with its #! line), as docs/ci.md shows it."""
    lines = open(os.path.join(RECIPES, recipe)).read().splitlines(keepends=True)
    shebang = lines[:1] if lines and lines[0].startswith("#!") else []
    body = lines[len(shebang):]
    while body and body[0].startswith("#"):
        body.pop(0)
    return "".join(shebang + body) in open(os.path.join(ROOT, "docs", "ci.md")).read()


def main(tarball, version):
    work = tempfile.mkdtemp()
    try:
        releases = os.path.join(work, "releases", "v" + version)
        os.makedirs(releases)
        for f in (tarball, tarball + ".sha256"):
            shutil.copy(f, releases)
        subprocess.run(["tar", "-C", work, "-xzf", tarball], check=True)
        home = os.path.join(work, f"scapula-{version}")
        plugins = os.path.join(work, "plugins")
        os.makedirs(plugins)
        for p in ("versioned_1_0_0", "versioned_1_1_0", "versioned_1_0_1_wrong"):
            with open(os.path.join(plugins, p + ".so"), "wb") as out:
                out.write(subprocess.run(["unzip", "-p", os.path.join(home, "lib", "scapula.jar"),
                                          f"dev/scapula/samples/{p}.so"], check=True, capture_output=True).stdout)
        captures = os.path.join(work, "captures")
        os.makedirs(captures)
        subprocess.run([os.path.join(home, "bin", "scapula"), "record", "-I", "counter", "-n", "500",
                        "-w", os.path.join(captures, "sample.scap")], check=True, capture_output=True)
        fakebin = os.path.join(work, "bin")
        os.makedirs(fakebin)
        with open(os.path.join(fakebin, "make"), "w") as f:
            f.write('#!/bin/sh\nmkdir -p build && cp "$NEW_PLUGIN" build/libmyplugin.so\n')
        os.chmod(os.path.join(fakebin, "make"), 0o755)

        passed = failed = 0
        runners = {"check.sh": run_shell, "gitlab-check.yml": run_gitlab, "github-check.yml": run_github}
        for recipe, runner in runners.items():
            if shown_in_docs(recipe):
                passed += 1
            else:
                print(f"FAIL {recipe}: docs/ci.md does not show it as it is (less its leading comment)")
                failed += 1
            for new, want_ok in (("versioned_1_1_0", True), ("versioned_1_0_1_wrong", False)):
                repo = os.path.join(work, f"repo-{recipe}-{new}")
                shutil.copytree(captures, os.path.join(repo, "test", "captures"))
                env = {"PATH": fakebin + ":/usr/bin:/bin", "HOME": work, "RUNNER_TEMP": work,
                       "SCAPULA_VERSION": version, "SCAPULA_RELEASES": "file://" + os.path.join(work, "releases"),
                       "PREVIOUS_RELEASE": "file://" + os.path.join(plugins, "versioned_1_0_0.so"),
                       "NEW_PLUGIN": os.path.join(plugins, new + ".so")}
                name = f"{recipe} with {new}"
                try:
                    rc = runner(repo, env)
                    if want_ok:
                        sarifs = [os.path.join(repo, d, f) for d in ("", "scapula-sarif")
                                  for f in ("lint.sarif", "verify.sarif", "diff.sarif")]
                        found = [s for s in sarifs if os.path.exists(s)]
                        assert rc == 0, f"exit {rc}, expected 0"
                        assert len(found) == 3, f"SARIF files written: {found}, expected lint, verify and diff"
                        for s in found:
                            assert json.load(open(s))["version"] == "2.1.0", f"{s}: not SARIF 2.1.0"
                    else:
                        assert rc == 1, f"exit {rc}, expected 1 (the release understates its change)"
                    print(f"ok   {name}")
                    passed += 1
                except AssertionError as e:
                    print(f"FAIL {name}: {e}")
                    failed += 1
        print(f"recipes-test: {passed} passed, {failed} failed")
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(os.path.abspath(sys.argv[1]), sys.argv[2]))

"""pyproject.toml (pip) and environment.yml (Binder, conda-forge) name the same packages at the same versions."""
from __future__ import annotations

from envfiles import conda_pins, constraints, environment, exact_pins, makefile_install_commands, normalise, pyproject


def _pip_side() -> dict[str, tuple[str, str]]:
    project = pyproject()["project"]
    pins = exact_pins(project["dependencies"])
    pins.update(exact_pins(project["optional-dependencies"]["notebook"]))
    # The `bench` extra (dateparser) is only for `make bench`, the speed/accuracy comparison with a peer
    # library; Binder users read the committed results and never run it, so environment.yml leaves it out.
    return pins


def test_every_dependency_is_an_exact_pin():
    project = pyproject()["project"]
    for group in [project["dependencies"], *project["optional-dependencies"].values()]:
        assert exact_pins(group)  # raises on anything but name==version


def test_pyproject_and_environment_name_the_same_packages():
    pip_side = set(_pip_side())
    conda_side = set(conda_pins(environment())[0])
    assert not pip_side - conda_side, f"in pyproject.toml only: {sorted(pip_side - conda_side)}"
    assert not conda_side - pip_side, f"in environment.yml only: {sorted(conda_side - pip_side)}"


def test_pyproject_and_environment_pin_the_same_versions():
    pip_side = _pip_side()
    conda_side = conda_pins(environment())[0]
    differ = {name: (pip_side[name][1], conda_side[name][1])
              for name in pip_side.keys() & conda_side.keys() if pip_side[name][1] != conda_side[name][1]}
    assert not differ, f"versions differ (pyproject, environment.yml): {differ}"


def test_bench_extra_is_the_only_thing_left_out_of_binder():
    bench = exact_pins(pyproject()["project"]["optional-dependencies"].get("bench", []))
    assert not set(bench) & set(_pip_side()), "a benchmark-only package is also a runtime/notebook dependency"


def test_python_version_agrees():
    requires = pyproject()["project"]["requires-python"]
    assert ">=3.11" in requires and "<3.12" in requires
    assert "python=3.11" in environment()["dependencies"]


def test_normalise_treats_spellings_alike():
    assert normalise("PyYAML") == normalise("pyyaml")
    assert normalise("websocket_client") == normalise("Websocket-Client") == "websocket-client"
    assert normalise("python-dateutil") != normalise("dateutil")


def test_constraints_lock_every_pin_of_pyproject_at_the_same_version():
    locked = constraints()  # raises on anything but name==version
    project = pyproject()["project"]
    for group in [project["dependencies"], *project["optional-dependencies"].values()]:
        for key, (name, version) in exact_pins(group).items():
            assert key in locked, f"{name} is pinned in pyproject.toml but missing from constraints.txt"
            assert locked[key][1] == version, f"{name}: pyproject.toml {version}, constraints.txt {locked[key][1]}"


def test_constraints_pin_the_dependencies_of_the_dependencies():
    locked = constraints()
    for transitive in ("courlan", "justext", "charset-normalizer", "urllib3", "certifi", "dateparser"):
        assert transitive in locked, f"{transitive} (a dependency of trafilatura/htmldate) is not locked"
    assert "greenland-crisis" not in locked, "the package itself is installed editable, not locked"


def test_every_makefile_install_uses_the_constraints():
    commands = makefile_install_commands()
    assert commands
    for command in commands:
        assert "-c constraints.txt" in command, f"pip install without the lock: {command}"

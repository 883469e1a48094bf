"""Duplicate groups a curator can trust, on real photos cut into overlapping crops, each crop
with an edited copy (imgsearch.augment): every copy is grouped with its crop, and different
crops of one photo (which share half their content and sit at a copy's cosine) are never kept
as copies of each other."""
import numpy as np
import pandas as pd
import pytest

import imgsearch
from imgsearch import augment, demo
from imgsearch.analysis import nearcopy

PHOTOS = ("astronaut", "coffee", "chelsea", "rocket", "china", "flower", "camera", "coins")


@pytest.fixture(scope="module")
def photos():
    return demo.photos()


@pytest.fixture(scope="module")
def crop_set(photos, tmp_path_factory):
    """Left, middle and right halves of eight photos, each with a seeded edited copy, indexed."""
    root = tmp_path_factory.mktemp("crops")
    table = augment.write_crop_set({k: photos[k] for k in PHOTOS}, root / "c", seed=1)
    home = root / "h"
    imgsearch.index_images(root / "c", "c", home=home, progress=False)
    col = imgsearch.open_collection("c", home=home)
    t = col.table(columns=["image_id", "path"])
    id_of = {str(p).split(str(root / "c") + "/")[1]: int(i) for p, i in zip(t["path"], t["image_id"])}
    yield col, table.assign(image_id=[id_of[p] for p in table["path"]])
    col.close()


def _members(groups: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    return groups.merge(table[["image_id", "family", "variant", "photo"]], on="image_id")


def test_every_copy_is_grouped_with_its_crop(crop_set):
    col, table = crop_set
    groups = _members(col.duplicates().to_frame(), table)
    group = dict(zip(groups["image_id"], groups["duplicate_group"]))
    found = []
    for fam, g in table.groupby("family"):
        orig, copy = (int(g.loc[g["variant"] == v, "image_id"].iloc[0]) for v in ("original", "copy0"))
        found.append((fam, orig in group and group.get(copy) == group[orig]))
    assert all(ok for _, ok in found), [fam for fam, ok in found if not ok]
    assert groups.groupby("duplicate_group")["kept"].sum().eq(1).all()


def test_a_group_never_holds_two_distinct_crops(crop_set):
    """No group holds two of a photo's crops as they are (they share half their frame, so
    neither is a copy of the other), and every member is a verified near-copy of the kept
    image itself, not only of another member. Without the verification the cosine alone does
    put distinct crops together at this threshold: the set tests what it claims."""
    col, table = crop_set
    groups = _members(col.duplicates().to_frame(), table)
    originals = groups[groups["variant"] == "original"].groupby("duplicate_group")["family"].nunique()
    assert (originals <= 1).all(), groups
    paths = dict(zip(groups["image_id"], groups["path"]))
    kept = groups[groups["kept"]].set_index("duplicate_group")["image_id"]
    feats = {i: nearcopy.local_features(p) for i, p in paths.items()}
    for image_id, g in zip(groups["image_id"], groups["duplicate_group"]):
        if image_id != kept[g]:
            assert nearcopy.verdict(feats[kept[g]], feats[image_id]).copy, (image_id, kept[g])
    left = set(groups.loc[groups["kept"], "family"]) | set(
        table.loc[~table["image_id"].isin(groups["image_id"]), "family"])
    assert left == set(table["family"])       # keeping one image per group loses no crop
    from imgsearch.analysis.curation import duplicates
    bare = _members(duplicates(col, verify=False).to_frame(), table)
    mixed = bare[bare["variant"] == "original"].groupby("duplicate_group")["family"].nunique()
    assert (mixed > 1).any(), "no distinct crops grouped by cosine alone: the set is too easy"


def test_verdicts_on_one_photo(photos, tmp_path):
    """A mirrored, rotated or cropped copy maps inside its original; the left and middle halves
    of one photo overlap by half and do not; unrelated photos match nothing."""
    img = photos["astronaut"]
    local = nearcopy.local_features

    def feats(im):
        path = tmp_path / f"{len(list(tmp_path.iterdir()))}.png"
        im.save(path)
        return local(str(path))

    whole = feats(img)
    w, h = img.size
    rng = np.random.default_rng(0)
    mirror = nearcopy.verdict(whole, feats(img.transpose(0)))
    turned = nearcopy.verdict(whole, feats(augment.edit(img, "rotate", rng)))
    cropped = nearcopy.verdict(whole, feats(img.crop((w // 5, h // 6, w - w // 10, h - h // 5))))
    left, middle, _ = augment.crops(img, 3, 0.5)
    halves = nearcopy.verdict(feats(left), feats(middle))
    other = nearcopy.verdict(whole, feats(photos["coffee"]))
    assert mirror.copy and turned.copy and cropped.copy, (mirror, turned, cropped)
    assert not halves.copy and 0.3 < halves.contained < 0.7, halves
    assert not other.copy and other.inliers < nearcopy.MIN_INLIERS, other
    tiny = feats(img.resize((16, 16)))
    assert tiny is None                      # too small to verify: the cosine rule decides



def test_verify_is_a_parameter_of_every_door(crop_set, tmp_path):
    """`verify` reaches the analysis from Python (the verb and the registry), REST and the CLI:
    off, the cosine alone groups distinct crops together, which the verified default never does."""
    from click.testing import CliRunner

    from imgsearch.api.service import Service
    from imgsearch.config import Config
    from imgsearch.frontends.cli import main
    from imgsearch.frontends.rest.app import create_app
    col, table = crop_set
    cosine = col.duplicates(verify=False).to_frame()
    crops = lambda df: _members(df, table).query("variant == 'original'").groupby(
        "duplicate_group")["family"].nunique().max()
    assert crops(cosine) > 1 and crops(col.duplicates().to_frame()) == 1
    by_name = col.analyse("duplicates", verify=False).to_frame()
    assert sorted(by_name["image_id"]) == sorted(cosine["image_id"])
    svc = Service(Config.load(home=tmp_path))
    try:
        params = create_app(svc, token="").openapi()["paths"]["/collections/{name}/duplicates"]["get"]["parameters"]
    finally:
        svc.close()
    verify = next(p for p in params if p["name"] == "verify")
    assert verify["schema"]["type"] == "boolean" and verify["schema"]["default"] is True
    out = CliRunner().invoke(main, ["duplicates", "--help"]).output
    assert "--no-verify" in out

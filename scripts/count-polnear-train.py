#!/usr/bin/env python3
"""Count attribution statistics on the PolNeAR *train* split (never dev/test).

Usage: python3 count_train.py [/work/shared/corpus/polnear/train] > counts.txt

Reads brat .ann files (first annotator file per article in sorted order),
takes span text from the .ann line (checked against text/<article>.txt by
code-point offsets), and prints:
  - cue heads (heuristic head token of each Cue span) with counts
  - single-token cue spans, multiword cue spans (lowercased) with counts
  - source head words (heuristic NP head) and share of pronoun sources
  - attributions with no source
Python 3 stdlib only.
"""
import os, re, sys
from collections import Counter, defaultdict

ROOT = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpus/polnear/train"
assert "dev" not in os.path.basename(ROOT.rstrip("/")), "train only"

TOK = re.compile(r"(?:[’'](?=[A-Za-z]))?[A-Za-z]+(?:[’'][A-Za-z]+)*|[0-9]+|[^\sA-Za-z0-9]")
# tokens skipped when looking for the head of a cue span
CUE_SKIP = set("""
do does did don't doesn't didn't don’t doesn’t didn’t not n't never also has have had having
will would shall should can could may might must 's is are was were be been being am 're
just then later again even still already only further repeatedly publicly privately
openly recently previously once first quickly flatly simply really actually also
to and or but also the a an his her their its our my your this that it he she they
's 've 'll 'd 're 'm now often long widely so more all both yet well most since
""".split())
LY_KEEP = {"reply", "apply", "imply", "rally", "supply"}
PERSONAL = set("""i me my mine myself we us our ours ourselves you your yours yourself yourselves
he him his himself she her hers herself they them their theirs themselves it its itself""".split())
RELATIVE = set("who whom whose which that".split())
# group / quantifier / anonymity words: Source spans containing one are listed as candidate vague sources
VAGUE = re.compile(r"\b(familiar with|close to|briefed|anonymity|sources?|insiders?|observers|critics|experts|"
                   r"analysts|officials|aides|allies|advisers|people|person|some|many|several|others|strategists|"
                   r"operatives|those)\b")
# post-modifier boundaries for source NP head
SRC_STOP = set("""of in at from for on with who whom which that whose , ( — – - ; : and
to by under over about near during as""".split())

def read_ann(path):
    spans, events = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("T"):
                parts = line.split("\t")
                if len(parts) < 2:
                    continue
                role_off = parts[1].split(" ", 1)
                role = role_off[0]
                offs = []
                for piece in role_off[1].split(";") if len(role_off) > 1 else []:
                    a, b = piece.split()
                    offs.append((int(a), int(b)))
                spans[parts[0]] = (role, offs, parts[2] if len(parts) > 2 else "")
            elif line.startswith("E"):
                parts = line.split("\t")
                args = dict(a.split(":", 1) for a in parts[1].split())
                events.append(args)
    return spans, events

def span_text(txt, offs):
    return " ".join(txt[a:b] for a, b in offs)

def norm(s):
    return re.sub(r"\s+", " ", s.replace("’", "'").replace("‘", "'")).strip().lower()

def toks(s):
    return [t.lower().replace("’", "'") for t in TOK.findall(s)]

def cue_head(s):
    ts = toks(s)
    words = [t for t in ts if re.match(r"[a-z]", t)]
    for t in words:
        if t not in CUE_SKIP and not (t.endswith("ly") and t not in LY_KEEP):
            return t
    return words[-1] if words else (ts[0] if ts else "")

def source_head(s):
    ts = toks(s)
    if ts and ts[0] in ("the", "a", "an"):
        ts = ts[1:]
    cut = []
    for t in ts:
        if cut and t in SRC_STOP:
            break
        cut.append(t)
    cut = [t for t in cut if t not in ("'s", "'", '"', "“", "”")]
    cut = [re.sub(r"'s$", "", t) for t in cut]
    words = [t for t in cut if re.match(r"[a-z0-9]", t)]
    return words[-1] if words else ""

def main():
    adir, tdir = os.path.join(ROOT, "attributions"), os.path.join(ROOT, "text")
    first = {}
    for fn in sorted(os.listdir(adir)):
        art = re.sub(r"_[^_]*\.ann$", "", fn)
        first.setdefault(art, fn)
    cue_heads, cue_single, cue_multi, cue_all = Counter(), Counter(), Counter(), Counter()
    src_heads, src_full, src_tokens, src_vague = Counter(), Counter(), Counter(), Counter()
    n_attr = n_nosrc = n_src = n_pron = n_rel = n_mismatch = 0
    for art, fn in sorted(first.items()):
        txt = open(os.path.join(tdir, art + ".txt"), encoding="utf-8").read()
        spans, events = read_ann(os.path.join(adir, fn))
        for ev in events:
            kind = next(iter(ev))  # first key: Attribution or Attribution-no-source
            if not kind.startswith("Attribution"):
                continue
            n_attr += 1
            cid = ev.get("Cue")
            if cid in spans:
                role, offs, stext = spans[cid]
                t = span_text(txt, offs)
                if norm(t) != norm(stext):
                    n_mismatch += 1
                c = norm(t)
                cue_all[c] += 1
                cue_heads[cue_head(t)] += 1
                if len([w for w in toks(t)]) > 1:
                    cue_multi[c] += 1
                else:
                    cue_single[c] += 1
            sid = ev.get("Source")
            if sid in spans:
                n_src += 1
                st = span_text(txt, spans[sid][1])
                s = norm(st)
                src_full[s] += 1
                if s in PERSONAL:
                    n_pron += 1
                elif s in RELATIVE:
                    n_rel += 1
                for t in set(toks(st)):
                    if re.match(r"[a-z]", t):
                        src_tokens[t] += 1
                if VAGUE.search(s) and len(s.split()) <= 8:
                    src_vague[s] += 1
                h = source_head(st)
                if h:
                    src_heads[h] += 1
            else:
                n_nosrc += 1
    out = sys.stdout
    print(f"articles\t{len(first)}\nattributions\t{n_attr}\nwith_source\t{n_src}\n"
          f"no_source\t{n_nosrc}\npersonal_pronoun_sources\t{n_pron}\t{n_pron/max(n_src,1):.3f} of sourced"
          f"\t{n_pron/max(n_attr,1):.3f} of all\nrelative_pronoun_sources\t{n_rel}\t{n_rel/max(n_src,1):.3f} of sourced"
          f"\nspan_text_mismatch\t{n_mismatch}", file=out)
    def dump(name, c, k=None, minc=1):
        print(f"\n## {name}", file=out)
        for w, n in c.most_common(k):
            if n < minc:
                break
            print(f"{n}\t{w}", file=out)
    dump("cue_heads", cue_heads, minc=2)
    dump("cue_single", cue_single, minc=2)
    dump("cue_multi", cue_multi, minc=2)
    dump("source_heads", src_heads, minc=3)
    dump("source_full", src_full, 200)
    dump("source_tokens (Source spans containing the token)", src_tokens, 300)
    dump("source_vague_candidates", src_vague, minc=2)
    # outlet mentions in train texts, using outlets.tsv next to this script if present
    otsv = os.path.join(os.path.dirname(os.path.abspath(__file__)), "outlets.tsv")
    if os.path.exists(otsv):
        alltext = "\n".join(open(os.path.join(tdir, a + ".txt"), encoding="utf-8").read() for a in first)
        om = Counter()
        for line in open(otsv, encoding="utf-8"):
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            pat = "|".join(sorted((re.escape(a) for a in set(cols[1].split(",")) | {cols[0]}), key=len, reverse=True))
            n = len(re.findall(r"(?<!\w)(?:" + pat + r")(?!\w)", alltext))
            if n:
                om[cols[0]] = n
        dump("outlet_mentions_in_train_text", om)

if __name__ == "__main__":
    main()



def test_a_compressed_file_finds_its_own_items_among_many_known_ones():
    from llmdata.sources.base import Known, SourceState

    known = {f"docs/page{i:05d}.html.gz": Known("sha", "v") for i in range(20_000)}
    known |= {"docs/data.jsonl.gz#L1": Known("a", "v1"), "docs/data.jsonl.gz#L2": Known("b", "v1"),
              "docs/data.jsonl.gz.bak": Known("c", "v1")}
    state = SourceState(known=known)
    assert state.keys_under("docs/data.jsonl.gz#", "docs/data.jsonl.gz!") == ["docs/data.jsonl.gz#L1",
                                                                              "docs/data.jsonl.gz#L2"]
    assert state.keys_under("docs/page00007.html.gz#") == []

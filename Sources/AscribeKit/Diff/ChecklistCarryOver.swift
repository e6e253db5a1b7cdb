extension Checklist {
    /// Only the items a reviewer who verified the old version must look at again: claims in
    /// sentences that are new or changed (an event's new side, or an added or edited sentence),
    /// and roles the old version did not give. `diff` must have this checklist's article as `new`.
    public func since(_ diff: ArticleDiff) -> Checklist {
        var changed: [(range: Range<Int>, id: Int)] = []
        for row in diff.alignment.rows where row.kind == .added || row.kind == .edited {
            if let j = row.new { changed.append((diff.alignment.newSentences[j], changed.count)) }
        }
        for event in diff.events where event.type != .moved {
            if let s = event.new?.sentence { changed.append((s, changed.count)) }
            if let s = event.new?.span { changed.append((s, changed.count)) }
        }
        let index = RangeIndex(changed)
        // Folded only when a role needs looking up (a scan of the whole old text).
        var oldText: String?
        var kept = self
        kept.items = items.filter { item in
            guard let n = item.claim else {
                // A role: new when the old text never gave it.
                guard let role = item.text.split(separator: ":", maxSplits: 1).last else { return true }
                let folded = oldText ?? DiffText.fold(diff.old.text)
                oldText = folded
                return !ByteSearch.contains(folded, DiffText.fold(String(role).trimmed))
            }
            let claim = report.claims[n]
            return index.containsOverlap(claim.sentence) { _ in true } || index.containsOverlap(claim.range) { _ in true }
        }
        return kept
    }
}

extension Ascribe {
    /// Reads two versions of an article and reports what changed in their claims and attributions;
    /// a version whose text is over `options.maxTextBytes` throws `.textTooLarge`.
    public static func diff(oldPath: String, newPath: String, options: ReadOptions = ReadOptions()) throws(AscribeError) -> ArticleDiff {
        let old = try extractForAnalysis(path: oldPath, options: options)
        let new = try extractForAnalysis(path: newPath, options: options)
        return ArticleDiffer.diff(old: old, new: new)
    }

    /// The checklist of the new version restricted to what is new or changed since the old one.
    public static func checklist(path: String, since oldPath: String, options: ReadOptions = ReadOptions()) throws(AscribeError) -> Checklist {
        let old = try extractForAnalysis(path: oldPath, options: options)
        let list = try checklist(path: path, options: options)
        return list.since(ArticleDiffer.diff(old: old, new: list.report))
    }
}

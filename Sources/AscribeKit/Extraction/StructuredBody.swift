import Foundation
import HTMLTree

/// The article text a page publishes in its JSON-LD (`articleBody`), for pages whose visible body
/// is drawn by JavaScript and so is missing from the saved HTML.
enum StructuredBody {
    /// The longest `articleBody` string in the page's JSON-LD blocks, whitespace-trimmed.
    static func articleBody(_ tree: HTMLTree) -> String? {
        var best: String?
        for i in tree.nodes.indices where tree.nodes[i].kind == .element && tree.nodes[i].name == "script" {
            guard let type = tree.attribute("type", of: i)?.lowercased(), type.contains("ld+json") else { continue }
            let source = tree.textContent(of: i)
            guard source.contains("articleBody"), let data = source.data(using: .utf8),
                let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            else { continue }
            var queue: [Any] = [json]
            var visited = 0
            while let item = queue.popLast(), visited < 1000 {
                visited += 1
                if let array = item as? [Any] {
                    queue.append(contentsOf: array)
                } else if let object = item as? [String: Any] {
                    if let body = object["articleBody"] as? String, body.utf8.count > (best?.utf8.count ?? 0) {
                        best = body
                    }
                    queue.append(contentsOf: object.values)
                }
            }
        }
        return best?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Paragraphs of a structured body: its own line breaks, or the whole text as one paragraph.
    static func paragraphs(_ body: String) -> [String] {
        body.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
            .filter { !$0.isEmpty }
    }
}

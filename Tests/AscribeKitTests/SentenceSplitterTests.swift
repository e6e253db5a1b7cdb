import Testing
@testable import AscribeKit

@Suite("Sentences") struct SentenceSplitterTests {
    // MARK: Helpers

    /// Splits `text` (or a sub-range of it), checks the range invariants and returns the sentence texts.
    private func sentences(_ text: String, in range: Range<Int>? = nil) -> [String] {
        let result = range.map { SentenceSplitter.split(text, in: $0) } ?? SentenceSplitter.split(text)
        checkInvariants(text, result, within: range)
        let bytes = Array(text.utf8)
        return result.map { String(decoding: bytes[$0.range], as: UTF8.self) }
    }

    /// Ranges inside the text (and the requested range), non-empty, on scalar boundaries,
    /// trimmed of ASCII whitespace, in order and non-overlapping.
    private func checkInvariants(_ text: String, _ result: [Sentence], within range: Range<Int>? = nil) {
        let bytes = Array(text.utf8)
        let limit = range.map { max(0, $0.lowerBound)..<max(0, $0.upperBound) } ?? 0..<bytes.count
        var previousEnd = 0
        for sentence in result {
            let r = sentence.range
            #expect(!r.isEmpty)
            #expect(r.lowerBound >= 0 && r.upperBound <= bytes.count)
            #expect(r.lowerBound >= limit.lowerBound && r.upperBound <= limit.upperBound)
            #expect(r.lowerBound >= previousEnd)
            guard !r.isEmpty, r.lowerBound >= 0, r.upperBound <= bytes.count else { continue }
            #expect(bytes[r.lowerBound] & 0xC0 != 0x80)
            #expect(r.upperBound == bytes.count || bytes[r.upperBound] & 0xC0 != 0x80)
            let asciiSpace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
            #expect(!asciiSpace.contains(bytes[r.lowerBound]))
            #expect(!asciiSpace.contains(bytes[r.upperBound - 1]))
            previousEnd = r.upperBound
        }
    }

    // MARK: Terminal punctuation

    @Test func periodsSplitSentences() {
        #expect(sentences("The cat sat. The dog ran.") == ["The cat sat.", "The dog ran."])
    }

    @Test func exclamationAndQuestionMarks() {
        #expect(sentences("Is it true? Yes! It is.") == ["Is it true?", "Yes!", "It is."])
    }

    @Test func punctuationRuns() {
        #expect(sentences("Really?! Yes... It happened!!! Why?") == ["Really?!", "Yes...", "It happened!!!", "Why?"])
        #expect(sentences("Wait… What? No.") == ["Wait…", "What?", "No."])
    }

    @Test func boundaryBeforeDigitOpeningQuoteAndBracket() {
        #expect(sentences("He was born in 1950. 12 people came.") == ["He was born in 1950.", "12 people came."])
        #expect(
            sentences("He left. “Go,” she said. (It was late.) [Then] nothing. 'Fine,' he said.")
                == ["He left.", "“Go,” she said.", "(It was late.)", "[Then] nothing.", "'Fine,' he said."]
        )
        #expect(sentences("Hola. ¿Qué tal? ¡Bien!") == ["Hola.", "¿Qué tal?", "¡Bien!"])
    }

    @Test func endOfText() {
        #expect(sentences("Done.") == ["Done."])
        #expect(sentences("  Done.  \n\n ") == ["Done."])
        #expect(sentences("No final period") == ["No final period"])
    }

    @Test func closingQuotesAndBracketsBelongToTheSentence() {
        #expect(sentences("She said “Stop.” Then she left.") == ["She said “Stop.”", "Then she left."])
        #expect(sentences("He said \"Go.\" Then he went.") == ["He said \"Go.\"", "Then he went."])
        #expect(sentences("(See below.) Next part.") == ["(See below.)", "Next part."])
        #expect(sentences("It was ‘fine.’ Then it rained.") == ["It was ‘fine.’", "Then it rained."])
        #expect(sentences("«C’est fini.» Il part.") == ["«C’est fini.»", "Il part."])
        #expect(sentences("[He agreed.]) Then.") == ["[He agreed.])", "Then."])
    }

    @Test func lowercaseAfterPeriodIsNotABoundary() {
        #expect(sentences("It cost 5 dollars. or so they say.") == ["It cost 5 dollars. or so they say."])
        #expect(sentences("Yahoo! is a company.") == ["Yahoo! is a company."])
    }

    // MARK: Abbreviations

    @Test func titlesBeforeNames() {
        #expect(
            sentences("Mr. Smith met Mrs. Jones, Ms. Lee, Dr. Who and Prof. Plum. They talked.")
                == ["Mr. Smith met Mrs. Jones, Ms. Lee, Dr. Who and Prof. Plum.", "They talked."]
        )
        #expect(
            sentences("Gen. Milley, Col. Mustard, Lt. Dan, Sgt. Pepper and Capt. Kirk saluted.")
                == ["Gen. Milley, Col. Mustard, Lt. Dan, Sgt. Pepper and Capt. Kirk saluted."]
        )
        #expect(
            sentences("Gov. Newsom, Sen. Warren, Rep. Pelosi and Rev. Sharpton attended.")
                == ["Gov. Newsom, Sen. Warren, Rep. Pelosi and Rev. Sharpton attended."]
        )
    }

    @Test func corporateAndNameSuffixes() {
        #expect(
            sentences("Apple Inc. and Microsoft Corp. met Acme Ltd. and Smith Co. officials in St. Louis.")
                == ["Apple Inc. and Microsoft Corp. met Acme Ltd. and Smith Co. officials in St. Louis."]
        )
        #expect(sentences("Martin Luther King Jr. Day and Sr. Smith.") == ["Martin Luther King Jr. Day and Sr. Smith."])
        // These abbreviations can also close a sentence when a typical sentence opener follows.
        #expect(
            sentences("He works for Acme Inc. The company makes anvils.")
                == ["He works for Acme Inc.", "The company makes anvils."]
        )
    }

    @Test func latinAbbreviations() {
        #expect(
            sentences("Spain vs. Italy, e.g. the final, i.e. Sunday, etc. were shown.")
                == ["Spain vs. Italy, e.g. the final, i.e. Sunday, etc. were shown."]
        )
        #expect(sentences("Apples, pears, etc. But not plums.") == ["Apples, pears, etc.", "But not plums."])
    }

    @Test func monthAbbreviations() {
        let text = "On Jan. 5, Feb. 6, Mar. 7, Apr. 8, Aug. 9, Sept. 10, Sep. 11, Oct. 12, Nov. 13 and Dec. 14 it rained."
        #expect(sentences(text) == [text])
    }

    @Test func numberAbbreviation() {
        #expect(sentences("He is ranked No. 10 in the world.") == ["He is ranked No. 10 in the world."])
        #expect(sentences("The PM lives at No. 10 Downing St. in London.") == ["The PM lives at No. 10 Downing St. in London."])
        #expect(sentences("No. He did not.") == ["No.", "He did not."])
        // Case-sensitive: "no." is an ordinary word.
        #expect(sentences("I said no. Then I left.") == ["I said no.", "Then I left."])
    }

    @Test func countryAndTimeAbbreviations() {
        #expect(
            sentences("The U.S. economy grew while U.K. officials and U.N. envoys met in Washington, D.C. on Monday.")
                == ["The U.S. economy grew while U.K. officials and U.N. envoys met in Washington, D.C. on Monday."]
        )
        #expect(sentences("He moved to the U.S. The move was hard.") == ["He moved to the U.S.", "The move was hard."])
        #expect(
            sentences("The 9 a.m. Monday meeting ended at 5 p.m. The next one is Friday.")
                == ["The 9 a.m. Monday meeting ended at 5 p.m.", "The next one is Friday."]
        )
        #expect(sentences("He flew from N.Y. to L.A. on Friday.") == ["He flew from N.Y. to L.A. on Friday."])
    }

    @Test func singleLetterInitials() {
        #expect(sentences("John F. Kennedy was president.") == ["John F. Kennedy was president."])
        #expect(
            sentences("J. R. R. Tolkien wrote books. He died in 1973.")
                == ["J. R. R. Tolkien wrote books.", "He died in 1973."]
        )
        #expect(sentences("А. С. Пушкин родился в Москве.") == ["А. С. Пушкин родился в Москве."])
    }

    // MARK: Numbers, ellipses, URLs

    @Test func decimalsAndNumbers() {
        #expect(
            sentences("Growth was 3.5 percent. Revenue rose to $1.4 billion. Version 2.0.1 shipped.")
                == ["Growth was 3.5 percent.", "Revenue rose to $1.4 billion.", "Version 2.0.1 shipped."]
        )
    }

    @Test func ellipsisInsideSentence() {
        #expect(sentences("He paused... and then continued.") == ["He paused... and then continued."])
        #expect(sentences("He paused… and continued.") == ["He paused… and continued."])
        #expect(sentences("He paused... Then he left.") == ["He paused...", "Then he left."])
    }

    @Test func urlsEmailsAndDomains() {
        #expect(
            sentences("Visit example.com or https://www.example.org/a.html?q=1 for details. Email jane.doe@example.co.uk today.")
                == ["Visit example.com or https://www.example.org/a.html?q=1 for details.", "Email jane.doe@example.co.uk today."]
        )
        #expect(sentences("Go to Amazon.com. It is big.") == ["Go to Amazon.com.", "It is big."])
    }

    // MARK: Quotations

    @Test func quoteFollowedByLowercaseAttribution() {
        #expect(sentences("“We will win.” he said.") == ["“We will win.” he said."])
        #expect(sentences("“Why now?” she asked.") == ["“Why now?” she asked."])
        #expect(sentences("\"We will win.\" he said.") == ["\"We will win.\" he said."])
    }

    @Test func quoteFollowedByUppercaseIsABoundary() {
        #expect(sentences("“We will win.” He said nothing else.") == ["“We will win.”", "He said nothing else."])
    }

    @Test func multiSentenceQuotation() {
        #expect(
            sentences("“We will win. We will fight on the beaches,” he said. “We shall never surrender.”")
                == ["“We will win.", "We will fight on the beaches,” he said.", "“We shall never surrender.”"]
        )
    }

    @Test func noBoundaryInsideOpenQuotationAtLineBreak() {
        // Without quotes the short first line is a headline-like line of its own...
        #expect(sentences("We came here\nTo win, she said.") == ["We came here", "To win, she said."])
        // ...inside an open quotation it is not.
        #expect(sentences("“We came here\nTo win,” she said.") == ["“We came here\nTo win,” she said."])
    }

    @Test func unbalancedQuotes() {
        #expect(sentences("He said “we will win. Then he left.") == ["He said “we will win.", "Then he left."])
        #expect(sentences("”Stray closing. Next one.") == ["”Stray closing.", "Next one."])
        #expect(sentences("He said \"unclosed. And more.") == ["He said \"unclosed.", "And more."])
        // A never-closed quote does not leak into the next paragraph.
        #expect(
            sentences("“Open quote here\n\nShort line\nNew paragraph. Second sentence.")
                == ["“Open quote here", "Short line", "New paragraph.", "Second sentence."]
        )
    }

    // MARK: Lines and paragraphs

    @Test func blankLineEndsSentence() {
        #expect(sentences("Headline Without Period\n\nThe body starts here.") == ["Headline Without Period", "The body starts here."])
        #expect(sentences("first part\n   \nsecond part") == ["first part", "second part"])
        #expect(sentences("Title\r\n\r\nBody text.") == ["Title", "Body text."])
        #expect(sentences("He met Mr.\n\nSmith") == ["He met Mr.", "Smith"])
    }

    @Test func singleNewlineIsLineWrapping() {
        let text = "The ambassador spoke at a press briefing in the Russian capital on\nTuesday, and her remarks were carried by TASS."
        #expect(sentences(text) == [text])
        #expect(sentences("The quick brown fox\njumps over the dog.") == ["The quick brown fox\njumps over the dog."])
        let wrapped = "Officials from several countries met in Geneva on Monday to discuss\nthe crisis in\nGaza, diplomats said."
        #expect(sentences(wrapped) == [wrapped])
        #expect(sentences("He met Gov.\nNewsom on Monday.") == ["He met Gov.\nNewsom on Monday."])
        #expect(sentences("He left. Then\nJohn came back.") == ["He left.", "Then\nJohn came back."])
    }

    @Test func singleNewlineAfterTerminalPunctuation() {
        #expect(sentences("He left.\nThen she stayed.") == ["He left.", "Then she stayed."])
        #expect(sentences("First line ends here.\nsecond line starts lowercase.") == ["First line ends here.", "second line starts lowercase."])
        #expect(sentences("“We will win.”\nhe said.") == ["“We will win.”\nhe said."])
        #expect(sentences("He paused...\nand went on.") == ["He paused...\nand went on."])
    }

    @Test func shortLinesAreHeadlinesAndDatelines() {
        #expect(
            sentences("WASHINGTON (Reuters) -\nThe president said on Monday that talks would resume.")
                == ["WASHINGTON (Reuters) -", "The president said on Monday that talks would resume."]
        )
        #expect(
            sentences("By Jane Doe\nMarch 3, 2024\nThe president spoke.")
                == ["By Jane Doe", "March 3, 2024", "The president spoke."]
        )
    }

    // MARK: Scripts

    @Test func cyrillic() {
        #expect(
            sentences("Москва — столица России. Город расположен на реке Москве. это не конец.")
                == ["Москва — столица России.", "Город расположен на реке Москве. это не конец."]
        )
    }

    @Test func greek() {
        #expect(
            sentences("Η Αθήνα είναι η πρωτεύουσα της Ελλάδας. Ο Παρθενώνας βρίσκεται εκεί.")
                == ["Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.", "Ο Παρθενώνας βρίσκεται εκεί."]
        )
    }

    @Test func latinWithDiacritics() {
        #expect(sentences("Il est arrivé hier. Élodie l’a vu. Ça va.") == ["Il est arrivé hier.", "Élodie l’a vu.", "Ça va."])
        #expect(sentences("Byłem w Krakowie. Łódź jest dalej.") == ["Byłem w Krakowie.", "Łódź jest dalej."])
        #expect(sentences("Er sagte nein. über alles.") == ["Er sagte nein. über alles."])
    }

    @Test func cjkFullStops() {
        #expect(sentences("今日は晴れです。明日は雨です！本当ですか？") == ["今日は晴れです。", "明日は雨です！", "本当ですか？"])
        #expect(sentences("他说：“我们会赢。”然后离开了。") == ["他说：“我们会赢。”", "然后离开了。"])
        #expect(sentences("「行きます。」彼は言った。") == ["「行きます。」", "彼は言った。"])
    }

    @Test func mixedScripts() {
        #expect(
            sentences("Путин встретился с Макроном. The talks lasted 3 hours. 会议结束了。Η συνάντηση ήταν σύντομη. Hello there. 你好。")
                == ["Путин встретился с Макроном.", "The talks lasted 3 hours.", "会议结束了。", "Η συνάντηση ήταν σύντομη.", "Hello there.", "你好。"]
        )
        #expect(sentences("Great news 🎉. Next 🚀! Done") == ["Great news 🎉.", "Next 🚀!", "Done"])
    }

    // MARK: Robustness

    @Test func emptyAndWhitespace() {
        #expect(SentenceSplitter.split("") == [])
        #expect(SentenceSplitter.split("   \n\n\t \r\n ") == [])
        #expect(SentenceSplitter.split("\u{00A0}\u{3000} ") == [])
    }

    @Test func noPunctuation() {
        #expect(sentences("no punctuation at all here") == ["no punctuation at all here"])
    }

    @Test func onlyPunctuation() {
        #expect(sentences(".....") == ["....."])
        #expect(sentences("?!?!") == ["?!?!"])
        #expect(sentences(". . .") == [". . ."])
        #expect(sentences("“”\"\"«»") == ["“”\"\"«»"])
    }

    @Test func hugeParagraphWithoutPunctuation() {
        let text = String(repeating: "lorem ipsum dolor ", count: 300_000)  // 5.4 MB
        let count = text.utf8.count
        let clock = ContinuousClock()
        var result: [Sentence] = []
        let elapsed = clock.measure { result = SentenceSplitter.split(text) }
        #expect(result == [Sentence(range: 0..<(count - 1))])
        #expect(elapsed < .seconds(5))
    }

    @Test func realisticParagraph() {
        let text = "In Moscow, Israel’s ambassador to Russia, Simona Halperin, conveyed a clear position. She asserted that while Russia and Israel have a number of divergent views, there is a common front. The ambassador spoke at a press briefing in the Russian capital, and her remarks were carried by TASS, the Russian state news agency."
        #expect(
            sentences(text) == [
                "In Moscow, Israel’s ambassador to Russia, Simona Halperin, conveyed a clear position.",
                "She asserted that while Russia and Israel have a number of divergent views, there is a common front.",
                "The ambassador spoke at a press briefing in the Russian capital, and her remarks were carried by TASS, the Russian state news agency.",
            ]
        )
    }

    // MARK: Sub-ranges

    @Test func subRangeKeepsAbsoluteOffsets() {
        let text = "First para. Second one.\n\nOther para here. Last one."
        let bytes = Array(text.utf8)
        let second = (bytes.firstIndex(of: 0x4F) ?? 0)..<bytes.count  // from "Other"
        let result = SentenceSplitter.split(text, in: second)
        #expect(result.map(\.range) == [25..<41, 42..<51])
        #expect(sentences(text, in: second) == ["Other para here.", "Last one."])
        #expect(sentences(text, in: 0..<23) == ["First para.", "Second one."])
    }

    @Test func subRangeIsClampedAndSnappedToScalars() {
        let text = "Ça va. Élodie est là."
        // 1 is inside "Ç", 100 is past the end.
        #expect(sentences(text, in: 1..<100) == ["a va.", "Élodie est là."])
        // 8 is inside "É": the partial scalar is cut off.
        #expect(sentences(text, in: 0..<8) == ["Ça va."])
        #expect(SentenceSplitter.split(text, in: 5..<5) == [])
        #expect(SentenceSplitter.split(text, in: 50..<60) == [])
    }

    @Test func randomTextKeepsInvariants() {
        let pieces = [
            "Mr.", " ", "word", "Word", ".", "!", "?", "...", "…", "\n", "\n\n", "“", "”", "\"", "'", "’",
            "«", "»", "(", ")", "。", "！", "Ça", "é", "Москва", "Ελλάδα", "東京", "🎉", "3.5", "U.S.",
            "e.g.", "\u{00A0}", "\u{3000}", "\r\n", "F.", "example.com", "no", "The",
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {  // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for _ in 0..<300 {
            var text = ""
            for _ in 0..<Int(next() % 60) { text += pieces[Int(next() % UInt64(pieces.count))] }
            checkInvariants(text, SentenceSplitter.split(text))
            let count = text.utf8.count
            let a = Int(next() % UInt64(count + 3))
            let b = Int(next() % UInt64(count + 3))
            let range = min(a, b)..<max(a, b)
            checkInvariants(text, SentenceSplitter.split(text, in: range), within: range)
        }
    }
}

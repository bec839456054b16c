import Reco
import RecoTestSupport
import Testing

struct TopKTests {
    @Test func keepsTheBestInOrderWithTiesByIndex() {
        var top = TopK(capacity: 3)
        for (item, score) in [(0, 1.0), (1, 5.0), (2, 3.0), (3, 5.0), (4, .nan), (5, 3.0)] as [(Int, Float)] {
            top.insert(item: item, score: score)
        }
        #expect(
            top.sorted() == [
                ScoredItem(item: 1, score: 5), ScoredItem(item: 3, score: 5), ScoredItem(item: 2, score: 3),
            ])
    }

    @Test func matchesAFullSortOnRandomScores() {
        var generator = SeededGenerator(seed: 3)
        let scores = (0..<500).map { _ in Float(Int(generator.next() % 50)) }
        var top = TopK(capacity: 17)
        for (item, score) in scores.enumerated() { top.insert(item: item, score: score) }
        let expected = scores.enumerated().sorted {
            $0.element != $1.element ? $0.element > $1.element : $0.offset < $1.offset
        }
        .prefix(17).map { ScoredItem(item: $0.offset, score: $0.element) }
        #expect(top.sorted() == Array(expected))
    }

    @Test func capacityLargerThanInputAndZero() {
        var top = TopK(capacity: 10)
        top.insert(item: 0, score: 1)
        #expect(top.sorted().count == 1)
        var none = TopK(capacity: 0)
        none.insert(item: 0, score: 1)
        #expect(none.sorted().isEmpty)
    }
}

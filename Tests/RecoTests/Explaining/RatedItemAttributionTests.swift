import Testing

@testable import Reco

/// The ridge view's two forms and its Gram kernel against a brute-force solve in `Double`.
@Suite("Rated-item attribution")
struct RatedItemAttributionTests {
    /// 40 random item vectors of `k` factors.
    static func factors(k: Int, seed: UInt64) -> DenseMatrix {
        var generator = SeededGenerator(seed: seed)
        return DenseMatrix(
            rows: 40, columns: k, storage: (0..<(40 * k)).map { _ in Float.random(in: -1...1, using: &generator) })
    }

    /// t_j q_jᵀ (QᵀQ + d·I)⁻¹ v for every j, in `Double`.
    static func bruteForce(_ q: DenseMatrix, _ items: [Int], _ t: [Float], _ d: Float, _ v: [Float]) -> [Double] {
        let k = q.columns
        var a = [Double](repeating: 0, count: k * k)
        for item in items {
            for r in 0..<k { for c in 0..<k { a[r * k + c] += Double(q[item, r]) * Double(q[item, c]) } }
        }
        for i in 0..<k { a[i * k + i] += Double(d) }
        let w = Cholesky.solve(a, v.map(Double.init))!
        return zip(items, t).map { item, target in
            Double(target) * (0..<k).reduce(0.0) { $0 + w[$1] * Double(q[item, $1]) }
        }
    }

    @Test(
        "primal and dual forms give the brute-force terms, fewer and more items than factors, odd and even k",
        arguments: [(k: 12, count: 5), (k: 12, count: 23), (k: 13, count: 7), (k: 13, count: 30), (k: 8, count: 8)])
    func formsAgree(k: Int, count: Int) {
        let q = Self.factors(k: k, seed: UInt64(k * 100 + count))
        var generator = SeededGenerator(seed: 7)
        let items = Array((0..<40).shuffled(using: &generator).prefix(count))
        let targets = items.map { _ in Float.random(in: -2...2, using: &generator) }
        let v = (0..<k).map { _ in Float.random(in: -1...1, using: &generator) }
        let diagonal = 0.1 * Float(count)
        let expected = Self.bruteForce(q, items, targets, diagonal, v)
        let automatic = RatedItemAttribution(factors: q, items: items, targets: targets, diagonal: diagonal)
        #expect(automatic.form == (count < k ? .dual : .primal))
        for form in [RatedItemAttribution.Form.primal, .dual] {
            let attribution = RatedItemAttribution(
                factors: q, items: items, targets: targets, diagonal: diagonal, form: form)
            let got = attribution.contributions(toward: v)
            let scale = max(expected.map(abs).max() ?? 0, 1e-3)
            for (g, e) in zip(got, expected) {
                #expect(abs(Double(g) - e) <= 1e-4 * scale, "\(form) k \(k) n \(count): \(g) against \(e)")
            }
        }
    }

    @Test func noRatedItemsGiveNoTerms() {
        let q = Self.factors(k: 6, seed: 1)
        for form in [RatedItemAttribution.Form.primal, .dual] {
            let attribution = RatedItemAttribution(factors: q, items: [], targets: [], diagonal: 0.1, form: form)
            #expect(attribution.contributions(toward: [Float](repeating: 1, count: 6)).isEmpty)
        }
    }
}

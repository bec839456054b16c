import RecoTestSupport
import Testing

@testable import Reco

/// Every expected value below was printed by NumPy 2.4's legacy `numpy.random.RandomState`.
struct MersenneTwisterTests {
    @Test func drawsMatchRandomStateForAnIntegerSeed() {
        var twister = MersenneTwister(seed: 42)
        #expect(
            [twister.next32(), twister.next32(), twister.next32()] == [1_608_637_542, 3_421_126_067, 4_083_286_876])
    }

    @Test func drawsMatchTheReferenceInitByArray() {
        // Also the first line of Matsumoto & Nishimura's mt19937ar.out.
        var twister = MersenneTwister(key: [0x123, 0x234, 0x345, 0x456])
        let draws = (0..<5).map { _ in twister.next32() }
        #expect(draws == [1_067_595_299, 955_945_823, 477_289_528, 4_107_218_783, 4_228_976_476])
    }

    @Test func shuffleMatchesRandomStateShuffle() {
        var small = Array(0..<10)
        var twister = MersenneTwister(seed: 42)
        twister.shuffle(&small)
        #expect(small == [8, 1, 5, 0, 7, 2, 9, 4, 3, 6])

        var thousand = Array(0..<1000)
        twister = MersenneTwister(seed: 7)
        twister.shuffle(&thousand)
        #expect(Array(thousand.prefix(8)) == [778, 334, 271, 802, 216, 408, 812, 94])

        // Past 2¹⁶ the rejection mask and the state refills are exercised many times over.
        var large = Array(0..<100_000)
        twister = MersenneTwister(seed: 42)
        twister.shuffle(&large)
        #expect(Array(large.prefix(6)) == [75721, 80184, 19864, 76699, 92991, 76434])
        #expect(Array(large.suffix(3)) == [76820, 860, 15795])
        #expect(large.enumerated().reduce(0) { $0 + $1.element * $1.offset % 1_000_003 } == 49_994_926_168)
    }

    @Test func seedsPast32BitsSeedByTheirTwoHalves() {
        // RandomState(np.array([5, 256], dtype=np.uint32)).shuffle(np.arange(6))
        var elements = Array(0..<6)
        var twister = MersenneTwister(seed: UInt64(256) << 32 | 5)
        twister.shuffle(&elements)
        #expect(elements == [3, 0, 2, 1, 5, 4])
    }

    @Test func intervalDrawsStayInRange() {
        var twister = MersenneTwister(seed: 3)
        for bound in [1, 2, 3, 7, 100, 1 << 20, 1 << 40] as [UInt64] {
            for _ in 0..<200 { #expect(twister.nextInterval(bound) <= bound) }
        }
        #expect(twister.nextInterval(0) == 0)
    }
}

/// A small built-in movie catalog with genre features and users generated from a planted
/// preference model, so `reco demo` runs with no download.
///
/// Each user j has a hidden taste θ⁽ʲ⁾ over the genres and a personal offset; an item's rating is
///
/// ```
/// r = clip(round(3.3 + b_j + θ⁽ʲ⁾ · x⁽ⁱ⁾ + ε), 1, 5),   ε ~ N(0, noise²),  θ⁽ʲ⁾ ~ N(0, 0.8²)
/// ```
///
/// and users rate popular items more often (Zipf-like), as real users do.
public enum SampleCatalog {
    /// The genres of the sample catalog.
    public static let genres = [
        "Action", "Adventure", "Animation", "Comedy", "Crime", "Drama", "Fantasy", "Horror", "Romance", "Sci-Fi",
        "Thriller", "Western",
    ]

    private static let adjectives = [
        "Silent", "Crimson", "Lost", "Electric", "Midnight", "Golden", "Broken", "Hidden", "Distant", "Wild", "Frozen",
        "Burning", "Secret", "Last", "Iron", "Velvet", "Hollow", "Bright", "Savage", "Quiet",
    ]
    private static let nouns = [
        "River", "Empire", "Garden", "Signal", "Harbor", "Frontier", "Orchard", "Machine", "Kingdom", "Station",
        "Promise", "Canyon", "Voyage", "Letter", "Planet", "Shadow", "Carnival", "Horizon", "Witness", "Summer",
    ]

    /// Generates the sample: `items` titled movies with 1–3 genres each and `users` users with
    /// about `ratingsPerUser` ratings each, all fixed by `seed`.
    public static func generate(
        users: Int = 400, items: Int = 240, ratingsPerUser: Int = 40, noise: Double = 0.5, seed: UInt64 = 7
    ) -> Dataset {
        var generator = SeededGenerator(seed: seed)
        let g = genres.count
        var features = DenseMatrix(rows: items, columns: g)
        var titles: [String] = []
        for item in 0..<items {
            let count = 1 + Int(generator.next() % 3)
            for _ in 0..<count { features[item, Int(generator.next() % UInt64(g))] = 1 }
            let adjective = adjectives[item % adjectives.count]
            let noun = nouns[(item / adjectives.count + item * 7) % nouns.count]
            titles.append("The \(adjective) \(noun) (\(1970 + Int(generator.next() % 50)))")
        }
        // Popularity weights ~ 1/(rank+10), with a random rank per item.
        let ranks = Splitter.shuffledPositions(items, seed: seed &+ 1)
        let weights = ranks.map { 1.0 / Double($0 + 10) }
        let total = weights.reduce(0, +)
        var cumulative: [Double] = []
        var running = 0.0
        for w in weights {
            running += w / total
            cumulative.append(running)
        }
        var list = RatingList()
        for user in 0..<users {
            let taste = (0..<g).map { _ in generator.nextNormal() * 0.8 }
            let bias = generator.nextNormal() * 0.4
            var chosen = Set<Int>()
            let want = min(items, max(5, ratingsPerUser + Int(generator.nextNormal() * Double(ratingsPerUser) / 3)))
            while chosen.count < want {
                let u = generator.nextUnit()
                var low = 0
                var high = items - 1
                while low < high {
                    let middle = (low + high) / 2
                    if cumulative[middle] < u { low = middle + 1 } else { high = middle }
                }
                chosen.insert(low)
            }
            for item in chosen.sorted() {
                var dot = 0.0
                for c in 0..<g { dot += taste[c] * Double(features[item, c]) }
                let raw = 3.3 + bias + dot + generator.nextNormal() * noise
                list.append(user: Int32(user), item: Int32(item), value: Float(min(5, max(1, raw.rounded()))))
            }
        }
        let userIDs = IDMap((1...users).map { "user\($0)" })
        let itemIDs = IDMap((1...items).map { "movie\($0)" })
        return Dataset(
            ratings: RatingMatrix(userIDs: userIDs, itemIDs: itemIDs, ratings: list), itemTitles: titles,
            itemFeatures: FeatureMatrix(names: genres, matrix: features), format: .csv, files: ["(built-in sample)"])
    }
}

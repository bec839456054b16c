/// How each model kind is written to and read from a `ModelArchive`. Floats are stored bit for bit,
/// so a loaded model predicts exactly what the saved one did.
extension ModelKind {
    /// Writes `model` (which must be of this kind) into `archive`.
    func archive(_ model: any RatingModel, into archive: inout ModelArchive) {
        switch model {
        case let model as GlobalMean:
            archive.floats["mean"] = [model.mean]
        case let model as Popularity:
            archive.floats["counts"] = model.counts
        case let model as BaselinePredictor:
            archive.floats["mean"] = [model.mean]
            archive.floats["user-biases"] = model.userBiases
            archive.floats["item-biases"] = model.itemBiases
        case let model as ContentBasedRecommender:
            archive.set(model.weights, as: "weights")
            archive.set(model.itemFeatures, as: "item-features")
            archive.floats["intercepts"] = model.intercepts
            archive.floats["offset"] = [model.offset]
        case let model as MatrixFactorization:
            archive.set(model.userFactors, as: "user-factors")
            archive.set(model.itemFactors, as: "item-factors")
            archive.floats["offset"] = [model.offset]
        case let model as BiasedMatrixFactorization:
            archive.floats["mean"] = [model.mean]
            archive.floats["user-biases"] = model.userBiases
            archive.floats["item-biases"] = model.itemBiases
            archive.set(model.userFactors, as: "user-factors")
            archive.set(model.itemFactors, as: "item-factors")
        case let model as AlternatingLeastSquares:
            archive.floats["offset"] = [model.offset]
            archive.set(model.userFactors, as: "user-factors")
            archive.set(model.itemFactors, as: "item-factors")
        case let model as SVDPlusPlus:
            archive.floats["mean"] = [model.mean]
            archive.floats["user-biases"] = model.userBiases
            archive.floats["item-biases"] = model.itemBiases
            archive.set(model.userFactors, as: "user-factors")
            archive.set(model.itemFactors, as: "item-factors")
            archive.set(model.implicitFactors, as: "implicit-factors")
            archive.set(model.effectiveUserFactors, as: "user-vectors")
        case let model as ItemKNN:
            archive.floats["mean"] = [model.baseline.mean]
            archive.floats["user-biases"] = model.baseline.userBiases
            archive.floats["item-biases"] = model.baseline.itemBiases
            archive.set(model.similarities, as: "similarities")
            archive.longs["neighbor-settings"] = [Int64(model.configuration.neighbors), Int64(model.configuration.minimumNeighbors)]
            archive.floats["residuals"] = model.userResiduals
        case let model as ImplicitALS:
            archive.set(model.userFactors, as: "user-factors")
            archive.set(model.itemFactors, as: "item-factors")
            archive.floats["settings"] = [model.configuration.regularization, model.configuration.alpha, model.configuration.useRatingValues ? 1 : 0]
        case let model as BPR:
            archive.set(model.userFactors, as: "user-factors")
            archive.set(model.itemFactors, as: "item-factors")
            archive.floats["item-biases"] = model.itemBiases
        case let model as ImplicitItemKNN:
            archive.integers["neighbor-items"] = model.neighborItems
            archive.floats["neighbor-weights"] = model.neighborWeights
            archive.longs["neighbors-per-item"] = [Int64(model.neighborsPerItem)]
        case let model as EASE:
            archive.set(model.weights, as: "item-weights")
        case let model as Blend:
            archive.floats["blend-weights"] = model.weights
            archive.floats["blend-scale"] = [model.scale.lowerBound, model.scale.upperBound]
            archive.strings["blend-kinds"] = model.components.map(\.kind.rawValue)
            for (index, component) in model.components.enumerated() {
                var part = ModelArchive()
                component.kind.archive(component.model, into: &part)
                archive.merge(part, prefix: "component-\(index).")
            }
        default:
            preconditionFailure("\(type(of: model)) cannot be archived")
        }
    }

    /// Reads a model of this kind from `archive`, whose training matrix is `training`.
    func unarchive(_ archive: ModelArchive, training: RatingMatrix, file: String) throws(ModelFileError) -> any RatingModel {
        let users = training.userCount
        let items = training.itemCount
        func scalar(_ name: String) throws(ModelFileError) -> Float { try archive.floats(name, count: 1, file: file)[0] }
        func factors(_ name: String, rows: Int) throws(ModelFileError) -> DenseMatrix {
            let matrix = try archive.matrix(name, file: file)
            guard matrix.rows == rows else { throw .malformed(path: file, reason: "'\(name)' has \(matrix.rows) rows, expected \(rows)") }
            return matrix
        }
        switch self {
        case .globalMean:
            return GlobalMean(mean: try scalar("mean"), userCount: users, itemCount: items)
        case .popularity:
            return Popularity(counts: try archive.floats("counts", count: items, file: file), userCount: users)
        case .baseline:
            return BaselinePredictor(
                mean: try scalar("mean"), userBiases: try archive.floats("user-biases", count: users, file: file),
                itemBiases: try archive.floats("item-biases", count: items, file: file))
        case .contentBased:
            let weights = try factors("weights", rows: users)
            let features = try factors("item-features", rows: items)
            guard weights.columns == features.columns else { throw .malformed(path: file, reason: "weights and item features differ in width") }
            return ContentBasedRecommender(
                weights: weights, itemFeatures: features, intercepts: try archive.floats("intercepts", count: users, file: file),
                offset: try scalar("offset"), configuration: .init())
        case .matrixFactorization:
            let (p, q) = (try factors("user-factors", rows: users), try factors("item-factors", rows: items))
            guard p.columns == q.columns else { throw .malformed(path: file, reason: "user and item factors differ in width") }
            return MatrixFactorization(userFactors: p, itemFactors: q, offset: try scalar("offset"), configuration: .init())
        case .biasedMF:
            let (p, q) = (try factors("user-factors", rows: users), try factors("item-factors", rows: items))
            guard p.columns == q.columns else { throw .malformed(path: file, reason: "user and item factors differ in width") }
            return BiasedMatrixFactorization(
                mean: try scalar("mean"), userBiases: try archive.floats("user-biases", count: users, file: file),
                itemBiases: try archive.floats("item-biases", count: items, file: file), userFactors: p, itemFactors: q)
        case .als:
            let (p, q) = (try factors("user-factors", rows: users), try factors("item-factors", rows: items))
            guard p.columns == q.columns else { throw .malformed(path: file, reason: "user and item factors differ in width") }
            return AlternatingLeastSquares(offset: try scalar("offset"), userFactors: p, itemFactors: q)
        case .svdPlusPlus:
            let p = try factors("user-factors", rows: users)
            let q = try factors("item-factors", rows: items)
            let y = try factors("implicit-factors", rows: items)
            let vectors = try factors("user-vectors", rows: users)
            guard Set([p.columns, q.columns, y.columns, vectors.columns]).count == 1 else {
                throw .malformed(path: file, reason: "SVD++ factor matrices differ in width")
            }
            return SVDPlusPlus(
                mean: try scalar("mean"), userBiases: try archive.floats("user-biases", count: users, file: file),
                itemBiases: try archive.floats("item-biases", count: items, file: file), userFactors: p, itemFactors: q,
                implicitFactors: y, effectiveUserFactors: vectors)
        case .itemKNN:
            let similarities = try factors("similarities", rows: items)
            guard similarities.columns == items, let settings = archive.longs["neighbor-settings"], settings.count == 2,
                settings[0] >= 1, settings[1] >= 0
            else { throw .malformed(path: file, reason: "item-knn similarities or settings are malformed") }
            let baseline = BaselinePredictor(
                mean: try scalar("mean"), userBiases: try archive.floats("user-biases", count: users, file: file),
                itemBiases: try archive.floats("item-biases", count: items, file: file))
            return ItemKNN(
                configuration: .init(neighbors: Int(settings[0]), minimumNeighbors: Int(settings[1])), baseline: baseline,
                similarities: similarities, userOffsets: training.userOffsets, userItems: training.userItems,
                userResiduals: try archive.floats("residuals", count: training.count, file: file))
        case .implicitALS:
            let (p, q) = (try factors("user-factors", rows: users), try factors("item-factors", rows: items))
            let settings = try archive.floats("settings", count: 3, file: file)
            guard p.columns == q.columns else { throw .malformed(path: file, reason: "user and item factors differ in width") }
            var configuration = ImplicitALS.Configuration(factors: p.columns)
            configuration.regularization = settings[0]
            configuration.alpha = settings[1]
            configuration.useRatingValues = settings[2] != 0
            return ImplicitALS(configuration: configuration, userFactors: p, itemFactors: q)
        case .bpr:
            let (p, q) = (try factors("user-factors", rows: users), try factors("item-factors", rows: items))
            guard p.columns == q.columns else { throw .malformed(path: file, reason: "user and item factors differ in width") }
            return BPR(userFactors: p, itemFactors: q, itemBiases: try archive.floats("item-biases", count: items, file: file))
        case .implicitKNN:
            guard let k = archive.longs["neighbors-per-item"]?.first, k >= 1, let neighbors = archive.integers["neighbor-items"],
                neighbors.count == items * Int(k), neighbors.allSatisfy({ $0 >= -1 && Int($0) < items })
            else { throw .malformed(path: file, reason: "implicit-knn neighbourhoods are malformed") }
            return ImplicitItemKNN(
                neighborItems: neighbors, neighborWeights: try archive.floats("neighbor-weights", count: neighbors.count, file: file),
                neighborsPerItem: Int(k), userOffsets: training.userOffsets, userItems: training.userItems)
        case .ease:
            let weights = try factors("item-weights", rows: items)
            guard weights.columns == items else { throw .malformed(path: file, reason: "EASE weights are not items × items") }
            return EASE(weights: weights, userOffsets: training.userOffsets, userItems: training.userItems)
        case .blend:
            guard let names = archive.strings["blend-kinds"], !names.isEmpty else { throw .malformed(path: file, reason: "the blend has no components") }
            let weights = try archive.floats("blend-weights", count: names.count + 1, file: file)
            let scale = try archive.floats("blend-scale", count: 2, file: file)
            guard scale[0] <= scale[1] else { throw .malformed(path: file, reason: "the blend's rating scale is empty") }
            var components: [Blend.Component] = []
            for (index, name) in names.enumerated() {
                guard let kind = ModelKind(rawValue: name), kind != .blend else { throw .malformed(path: file, reason: "unknown blended model '\(name)'") }
                let part = archive.extracting(prefix: "component-\(index).")
                components.append(Blend.Component(kind: kind, model: try kind.unarchive(part, training: training, file: file)))
            }
            return Blend(components: components, weights: weights, scale: scale[0]...scale[1])
        }
    }
}

extension ModelArchive {
    /// Adds every entry of `other` with `prefix` before its name.
    mutating func merge(_ other: ModelArchive, prefix: String) {
        for (key, value) in other.fields { fields[prefix + key] = value }
        for (key, value) in other.floats { floats[prefix + key] = value }
        for (key, value) in other.integers { integers[prefix + key] = value }
        for (key, value) in other.longs { longs[prefix + key] = value }
        for (key, value) in other.strings { strings[prefix + key] = value }
    }

    /// The entries whose names start with `prefix`, without it.
    func extracting(prefix: String) -> ModelArchive {
        func strip<Value>(_ table: [String: Value]) -> [String: Value] {
            Dictionary(uniqueKeysWithValues: table.compactMap { key, value in key.hasPrefix(prefix) ? (String(key.dropFirst(prefix.count)), value) : nil })
        }
        var result = ModelArchive()
        result.fields = strip(fields)
        result.floats = strip(floats)
        result.integers = strip(integers)
        result.longs = strip(longs)
        result.strings = strip(strings)
        return result
    }
}

extension RatingMatrix {
    /// Writes ids and the CSR arrays (no timestamps) under `prefix`.
    func archive(into archive: inout ModelArchive, prefix: String) {
        archive.strings[prefix + "user-ids"] = userIDs.ids
        archive.strings[prefix + "item-ids"] = itemIDs.ids
        archive.longs[prefix + "user-offsets"] = userOffsets.map(Int64.init)
        archive.integers[prefix + "user-items"] = userItems
        archive.floats[prefix + "user-ratings"] = userRatings
    }

    /// Reads and checks a matrix written by `archive(into:prefix:)`.
    static func unarchive(_ archive: ModelArchive, prefix: String, file: String) throws(ModelFileError) -> RatingMatrix {
        guard let users = archive.strings[prefix + "user-ids"], let items = archive.strings[prefix + "item-ids"],
            let offsets = archive.longs[prefix + "user-offsets"], let indices = archive.integers[prefix + "user-items"],
            let values = archive.floats[prefix + "user-ratings"]
        else { throw .malformed(path: file, reason: "the training ratings are missing") }
        let userIDs = IDMap(users)
        let itemIDs = IDMap(items)
        guard userIDs.count == users.count, itemIDs.count == items.count else {
            throw .malformed(path: file, reason: "duplicated user or item ids")
        }
        guard offsets.count == users.count + 1, offsets.first == 0, offsets.last == Int64(indices.count),
            indices.count == values.count, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
            indices.allSatisfy({ $0 >= 0 && Int($0) < items.count })
        else { throw .malformed(path: file, reason: "the training ratings are inconsistent") }
        return RatingMatrix(
            userIDs: userIDs, itemIDs: itemIDs, userOffsets: offsets.map(Int.init), userItems: indices, userRatings: values,
            userTimestamps: [], duplicateCount: 0)
    }
}

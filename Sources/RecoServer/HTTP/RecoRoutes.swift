import Foundation
public import Hummingbird
import NIOCore
import Reco

/// The service's routes and what they answer (see `docs/api.md`).
public struct RecoRoutes: Sendable {
    let live: LiveModel
    let store: RatingStore
    let retrainer: Retrainer
    let metrics: ServerMetrics
    let bodyLimit: Int
    let maximumCount = 1000

    /// Routes over the served model, its database, retrainer and metrics; request bodies over
    /// `bodyLimit` bytes are refused.
    public init(live: LiveModel, store: RatingStore, retrainer: Retrainer, metrics: ServerMetrics, bodyLimit: Int) {
        self.live = live
        self.store = store
        self.retrainer = retrainer
        self.metrics = metrics
        self.bodyLimit = bodyLimit
    }

    /// One route: its method, its path (Hummingbird's pattern, `:id` for a parameter), whether it
    /// needs the token, and what answers it. `docs/openapi.yaml` documents exactly these (a test
    /// compares the two).
    public struct Route: Sendable {
        /// The HTTP method.
        public let method: HTTPRequest.Method
        /// The path without its leading slash, parameters as `:name`.
        public let path: String
        /// Whether the route needs `Authorization: Bearer <token>` when the service has a token.
        public let needsToken: Bool
        let respond: @Sendable (Request, BasicRequestContext) async throws -> Response

        init(
            _ method: HTTPRequest.Method, _ path: String, needsToken: Bool = false,
            _ respond: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response
        ) {
            self.method = method
            self.path = path
            self.needsToken = needsToken
            self.respond = respond
        }

        /// The path as OpenAPI writes it: `/v1/users/{id}/recommendations`.
        public var openAPIPath: String {
            "/"
                + path.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                .joined(separator: "/")
        }
    }

    /// Every route the service answers.
    public var routes: [Route] {
        [
            Route(.get, "") { _, _ in DashboardPage.response },
            Route(.get, "healthz") { _, _ in try JSONResponse.make(Payload.Message(status: "ok")) },
            Route(.get, "readyz") { _, _ in
                try JSONResponse.make(Payload.Message(status: "ready", modelVersion: self.live.model.version))
            },
            Route(.get, "metrics") { _, _ in
                Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: self.metrics.exposition())))
            },
            Route(.get, "openapi.yaml") { _, _ in
                Response(
                    status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
            },
            Route(.get, "v1/users/:id/recommendations") { try self.recommendations($0, context: $1) },
            Route(.get, "v1/users/:id/ratings") { try await self.ratings($0, context: $1) },
            Route(.get, "v1/users/:id/items/:item/explanation") { try self.explanation($0, context: $1) },
            Route(.get, "v1/items") { request, _ in try self.catalog(request) },
            Route(.get, "v1/items/:id/similar") { try self.similar($0, context: $1) },
            Route(.get, "v1/predictions") { request, _ in try self.prediction(request) },
            Route(.post, "v1/recommendations") { request, _ in try await self.anonymous(request) },
            Route(.post, "v1/ratings", needsToken: true) { request, _ in try await self.rate(request) },
            Route(.post, "v1/items", needsToken: true) { request, _ in try await self.post(request, side: .item) },
            Route(.post, "v1/users", needsToken: true) { request, _ in try await self.post(request, side: .user) },
            Route(.post, "v1/admin/retrain", needsToken: true) { _, _ in try self.retrain() },
            Route(.post, "v1/admin/reload", needsToken: true) { _, _ in try await self.reload() },
            Route(.get, "v1/admin/status", needsToken: true) { _, _ in try await self.status() },
        ]
    }

    /// A router with every route; write and admin routes need `token` when one is given.
    public func router(token: String?) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        let routes = self.routes
        // Other methods on a path the service has are 405 with `Allow`, not "no route".
        let methods = Dictionary(grouping: routes, by: \.path).mapValues { $0.map(\.method.rawValue) }
        router.add(middleware: JSONErrorMiddleware(bodyLimit: bodyLimit, methods: methods))
        let protected = router.group()
        if let token { protected.add(middleware: BearerTokenMiddleware(token: token)) }
        for route in routes {
            let respond = route.respond
            if route.needsToken {
                protected.on(RouterPath(route.path), method: route.method) { try await respond($0, $1) }
            } else {
                router.on(RouterPath(route.path), method: route.method) { try await respond($0, $1) }
            }
        }
        return router
    }

    // MARK: - Reading

    func recommendations(_ request: Request, context: BasicRequestContext) throws -> Response {
        let user = try Self.pathID(context)
        let count = try countParameter(request)
        let excludeRated = try Self.boolParameter(request, "exclude_rated", default: true)
        let explain = try Self.boolParameter(request, "explain", default: false)
        let rankBy = try Self.rankByParameter(request)
        let (model, scores, updates) = live.scores(user: user)
        let saved = model.saved
        let posted = live.postedItems
        let profile = live.userFeatures(user)
        let trained = saved.training.userIDs.index(of: user)
        var source: SavedModel.Source
        var items: [SavedModel.Entry]
        // What is known of the user, for feature models and posted items.
        var query: UserQuery?
        if let profile, trained == nil {
            // A user posted with features, and whatever they rated since.
            let input = updates.map { model.foldInInput(user: user, updates: $0) } ?? (items: [], ratings: [])
            query = UserQuery(features: profile, items: input.items, ratings: input.ratings)
            guard let known = saved.model.scores(for: query!) else {
                throw APIError.unknownUser(user, suggestions: saved.training.userIDs.closest(to: user))
            }
            source = input.items.isEmpty ? .features : .foldIn
            items = saved.top(
                ratings: known, interactions: query!.interactions, rankBy: rankBy, count: count,
                excluding: excludeRated ? Set(input.items) : [])
        } else if let scores {
            var excluded = Set<Int>()
            if excludeRated {
                excluded.formUnion(model.trainedItems(ofUser: user))
                for item in updates?.items ?? [] {
                    if let index = saved.training.itemIDs.index(of: item) { excluded.insert(index) }
                }
            }
            let input = updates.map { model.foldInInput(user: user, updates: $0) } ?? (items: [], ratings: [])
            let interactions = InterestRanker.Interactions.given(items: input.items, ratings: input.ratings)
            items = saved.top(
                ratings: scores, interactions: interactions, rankBy: rankBy, count: count, excluding: excluded)
            source = .foldIn
            if posted.ids.count > 0, updates != nil { query = UserQuery(items: input.items, ratings: input.ratings) }
        } else if let trained {
            (source, items) = try Self.lookup { () throws(LookupError) in
                try saved.recommend(user: user, count: count, includeRated: !excludeRated, rankBy: rankBy)
            }
            query = .trained(trained)
        } else if updates != nil {
            // The user rated only items the model does not know yet.
            (source, items) = (.popularity, saved.popular(count: count))
        } else {
            throw APIError.unknownUser(user, suggestions: saved.training.userIDs.closest(to: user))
        }
        // Items posted with features take their place among the model's by their scores.
        if posted.ids.count > 0, let query, let newScores = saved.model.scores(ofNewItems: posted.features, for: query)
        {
            let rated = Set(updates?.items ?? [])
            // Under interest a posted item takes the place its predicted rating earns among the known.
            let ranker = rankBy == .interest ? saved.model.interestRanker : nil
            let ranked =
                ranker.flatMap { ranker in
                    saved.model.scores(for: query).map { ratings in
                        ranker.interest(
                            ofNewItems: newScores, ratings: ratings,
                            interest: ranker.interest(ratings: ratings, interactions: query.interactions))
                    }
                } ?? newScores
            var merged = items
            for (index, score) in ranked.enumerated()
            where !(excludeRated && rated.contains(posted.ids.id(at: index))) {
                merged.append(
                    SavedModel.Entry(
                        id: posted.ids.id(at: index), title: posted.titles[index], score: score,
                        rating: ranker.map { _ in saved.clipped(newScores[index]) }))
            }
            items = Array(merged.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }.prefix(count))
        }
        var listed = Self.items(items)
        if explain {
            let explained = Self.explainedUser(user, model: model, updates: updates, profile: profile)
            let indices = items.map { saved.training.itemIDs.index(of: $0.id) }
            let reasons = explained.flatMap { saved.reasons(items: indices.compactMap { $0 }, for: $0) }
            var next = reasons?.makeIterator()
            let itemID = { (index: Int) in saved.training.itemIDs.id(at: index) }
            for position in listed.indices {
                // Items posted since training and lists from popularity have no terms to show.
                guard indices[position] != nil, let terms = next?.next() else {
                    listed[position].reasons = []
                    continue
                }
                listed[position].reasons = terms.map { Payload.Term($0, itemID: itemID) }
            }
        }
        return JSONResponse.make(
            Payload.Recommendations(user: user, source: source.rawValue, items: listed, modelVersion: model.version))
    }

    /// `GET /v1/users/{id}/items/{item}/explanation?top=N`: the terms of the user's score for the
    /// item, for a trained user, a user folded in from posted ratings, or one posted with features.
    func explanation(_ request: Request, context: BasicRequestContext) throws -> Response {
        let user = try Self.pathID(context)
        let raw = context.parameters.get("item") ?? ""
        let item = raw.removingPercentEncoding ?? raw
        let top = try Self.intParameter(request, "top", default: nil, range: 1...10_000)
        let (model, _, updates) = live.scores(user: user)
        let saved = model.saved
        guard let itemIndex = saved.training.itemIDs.index(of: item) else {
            throw APIError.unknownItem(item, suggestions: saved.training.itemIDs.closest(to: item))
        }
        let profile = live.userFeatures(user)
        guard let explained = Self.explainedUser(user, model: model, updates: updates, profile: profile) else {
            if saved.training.userIDs.index(of: user) == nil && updates == nil && profile == nil {
                throw APIError.unknownUser(user, suggestions: saved.training.userIDs.closest(to: user))
            }
            throw APIError.invalidParameter(
                "nothing the model knows explains user '\(user)' yet: they rated no item it was trained on")
        }
        guard var explanation = saved.explain(items: [itemIndex], for: explained)?.first else {
            throw APIError.invalidParameter("nothing the model knows explains user '\(user)' yet")
        }
        if let top { explanation = explanation.top(top) }
        let itemID = { (index: Int) in saved.training.itemIDs.id(at: index) }
        return JSONResponse.make(
            Payload.Explanation(
                user: user, item: item, title: saved.title(ofItem: itemIndex), score: explanation.score,
                source: explained.user == nil ? (explained.items.isEmpty ? "features" : "fold-in") : "model",
                terms: explanation.terms.map { Payload.Term($0, itemID: itemID) }, modelVersion: model.version))
    }

    /// Who the service's scores for `user` come from: a user posted with features (and what they
    /// rated since), a user folded in from ratings posted since training, or a trained user; `nil`
    /// when nothing the model knows describes them.
    static func explainedUser(
        _ user: String, model: ServedModel, updates: UserUpdates?, profile: [Float]?
    ) -> ExplainedUser? {
        let saved = model.saved
        let trained = saved.training.userIDs.index(of: user)
        if let profile, trained == nil {
            let input = updates.map { model.foldInInput(user: user, updates: $0) } ?? (items: [], ratings: [])
            return ExplainedUser(user: nil, features: profile, items: input.items, ratings: input.ratings)
        }
        if let updates {
            let input = model.foldInInput(user: user, updates: updates)
            return input.items.isEmpty ? nil : .new(items: input.items, ratings: input.ratings)
        }
        guard let trained, saved.training.ratingCount(ofUser: trained) > 0 else { return nil }
        return .trained(trained, in: saved.training)
    }

    func ratings(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let user = try Self.pathID(context)
        let stored = try await store.ratings(ofUser: user)
        // A user the model was trained on or that was posted with features has ratings, maybe none.
        let userIDs = live.model.saved.training.userIDs
        guard !stored.isEmpty || userIDs.index(of: user) != nil || live.userFeatures(user) != nil else {
            throw APIError.unknownUser(user, suggestions: userIDs.closest(to: user))
        }
        return try JSONResponse.make(
            Payload.UserRatings(
                user: user, ratings: stored.map { .init(item: $0.item, rating: $0.rating, timestamp: $0.timestamp) }))
    }

    func similar(_ request: Request, context: BasicRequestContext) throws -> Response {
        let item = try Self.pathID(context)
        let count = try countParameter(request)
        let saved = live.model.saved
        guard saved.training.itemIDs.index(of: item) != nil else {
            if live.newItemMean(item) != nil {
                // Rated since the last retrain: the model has no vector for it yet.
                return JSONResponse.make(
                    Payload.Similar(item: item, source: "popularity", items: Self.items(saved.popular(count: count))))
            }
            throw APIError.unknownItem(item, suggestions: saved.training.itemIDs.closest(to: item))
        }
        let entries = try Self.lookup { () throws(LookupError) in try saved.similarItems(to: item, count: count) }
        return JSONResponse.make(Payload.Similar(item: item, source: "model", items: Self.items(entries)))
    }

    /// The model's items whose title or id contains `search` (any case), most rated first.
    func catalog(_ request: Request) throws -> Response {
        let search = request.uri.queryParameters.get("search").map { String($0) } ?? ""
        let count = try countParameter(request)
        let saved = live.model.saved
        let training = saved.training
        let needle = search.lowercased()
        var matches: [Payload.Catalog.Entry] = []
        for item in 0..<training.itemCount {
            let id = training.itemIDs.ids[item]
            let title = item < saved.itemTitles.count && !saved.itemTitles[item].isEmpty ? saved.itemTitles[item] : nil
            guard needle.isEmpty || id.lowercased().contains(needle) || (title?.lowercased().contains(needle) ?? false)
            else { continue }
            matches.append(.init(id: id, title: title, ratings: training.ratingCount(ofItem: item)))
        }
        let top = matches.sorted { ($0.ratings, $1.id) > ($1.ratings, $0.id) }.prefix(count)
        return JSONResponse.make(Payload.Catalog(search: search, matches: matches.count, items: Array(top)))
    }

    func prediction(_ request: Request) throws -> Response {
        guard let user = request.uri.queryParameters.get("user"), !user.isEmpty else {
            throw APIError.invalidParameter("the query needs user=ID and item=ID")
        }
        guard let item = request.uri.queryParameters.get("item"), !item.isEmpty else {
            throw APIError.invalidParameter("the query needs user=ID and item=ID")
        }
        let (model, scores, _) = live.scores(user: user)
        let saved = model.saved
        guard let itemIndex = saved.training.itemIDs.index(of: item) else {
            if let mean = live.newItemMean(item) {
                return JSONResponse.make(
                    Payload.Prediction(user: user, item: item, prediction: mean, source: "item-mean"))
            }
            throw APIError.unknownItem(item, suggestions: saved.training.itemIDs.closest(to: item))
        }
        if let scores {
            return JSONResponse.make(
                Payload.Prediction(
                    user: user, item: item, prediction: saved.clipped(scores[itemIndex]), source: "fold-in"))
        }
        let value = try Self.lookup { () throws(LookupError) in try saved.predict(user: user, item: item) }
        return JSONResponse.make(Payload.Prediction(user: user, item: item, prediction: value, source: "model"))
    }

    func anonymous(_ request: Request) async throws -> Response {
        let body = try await decode(Payload.AnonymousRequest.self, from: request)
        let count = body.count ?? 10
        guard (1...maximumCount).contains(count) else {
            throw APIError.invalidParameter("count must be in 1...\(maximumCount), not \(count)")
        }
        guard !body.items.isEmpty else {
            throw APIError.invalidParameter("items is empty: give at least one item the user liked")
        }
        let model = live.model
        let saved = model.saved
        var ratings: [Float]?
        if let values = body.ratings {
            guard values.count == body.items.count else {
                throw APIError.invalidParameter("ratings has \(values.count) values for \(body.items.count) items")
            }
            ratings = try values.enumerated().map { index, value in
                try Self.checked(value, scale: saved.ratingScale, at: "ratings[\(index)]")
            }
        }
        let ids = body.items.map(\.value)
        let rankBy = try Self.rankByParameter(request)
        let (source, items) = try Self.lookup { () throws(LookupError) in
            try saved.recommend(forItems: ids, ratings: ratings, count: count, rankBy: rankBy)
        }
        return JSONResponse.make(
            Payload.Recommendations(
                user: nil, source: source.rawValue, items: Self.items(items), modelVersion: model.version))
    }

    // MARK: - Writing

    func rate(_ request: Request) async throws -> Response {
        let batch = try await decode(Payload.RatingBatch.self, from: request)
        guard !batch.ratings.isEmpty else { throw APIError.invalidParameter("the array of ratings is empty") }
        let scale = live.model.saved.ratingScale
        let now = Int64(Date().timeIntervalSince1970)
        // Every rating is checked before any is stored: a batch with one bad rating is refused whole.
        var ratings: [StoredRating] = []
        ratings.reserveCapacity(batch.ratings.count)
        for (index, input) in batch.ratings.enumerated() {
            let at = batch.ratings.count == 1 ? "rating" : "[\(index)].rating"
            guard !input.user.value.isEmpty else { throw APIError.invalidParameter("[\(index)].user is empty") }
            guard !input.item.value.isEmpty else { throw APIError.invalidParameter("[\(index)].item is empty") }
            let value = try Self.checked(input.rating, scale: scale, at: at)
            ratings.append(
                StoredRating(
                    user: input.user.value, item: input.item.value, rating: value, timestamp: input.timestamp ?? now))
        }
        let ids = try await store.insert(ratings)
        for index in ratings.indices { ratings[index].id = ids[index] }
        metrics.ingested(ratings.count)
        live.apply(ratings)
        return try JSONResponse.make(
            Payload.Stored(
                stored: ratings.count, users: Set(ratings.map(\.user)).count, modelVersion: live.model.version),
            status: .created)
    }

    /// `POST /v1/items` and `/v1/users`: a new item or user known by its features, served at once
    /// by a model that reads them, stored for restarts and the next retrain.
    func post(_ request: Request, side: StoredProfile.Side) async throws -> Response {
        let body = try await decode(Payload.ProfileInput.self, from: request)
        let id = body.id.value
        guard !id.isEmpty else { throw APIError.invalidParameter("id is empty") }
        let model = live.model
        let saved = model.saved
        let known =
            side == .item ? saved.training.itemIDs.index(of: id) != nil : saved.training.userIDs.index(of: id) != nil
        guard !known else {
            throw APIError.invalidParameter(
                "\(side.rawValue) '\(id)' is already in the model; post new \(side.rawValue)s only")
        }
        let features = body.features.text
        do {
            _ = side == .item ? try saved.itemFeatureRow(features) : try saved.userFeatureRow(features)
        } catch {
            switch error {
            case .unknownFeature(let name, let suggestions):
                throw APIError.unknownFeature(name, suggestions: suggestions)
            default: throw APIError.notSupported(error.description)
            }
        }
        // Posting an id again replaces its features, and its title when the body gives one.
        let earlier = live.profiles.first { $0.side == side && $0.id == id }
        let title = side == .item ? body.title ?? earlier?.title : nil
        let profile = StoredProfile(side: side, id: id, title: title, features: features)
        try await store.save(profile)
        live.add(profile)
        return try JSONResponse.make(
            Payload.Posted(id: id, features: features, replaced: earlier != nil, modelVersion: model.version),
            status: earlier == nil ? .created : .ok)
    }

    func retrain() throws -> Response {
        guard retrainer.start() else { throw APIError.retrainRunning }
        return try JSONResponse.make(
            Payload.Message(status: "retraining", modelVersion: live.model.version), status: .accepted)
    }

    func reload() async throws -> Response {
        let version: Int?
        do {
            version = try await retrainer.reload()
        } catch let error as ModelFileError {
            throw APIError.invalidModelFile("\(error)")
        }
        guard let version else { throw APIError.retrainRunning }
        return try JSONResponse.make(Payload.Message(status: "reloaded", modelVersion: version))
    }

    func status() async throws -> Response {
        let model = live.model
        let saved = model.saved
        let retrain = retrainer.current
        var state = "idle"
        var since: String?
        var error: String?
        switch retrain.phase {
        case .idle: break
        case .running(let start):
            state = "running"
            since = ISO8601DateFormatter().string(from: start)
        case .failed(let message):
            state = "failed"
            error = message
        }
        let total = try await store.ratingCount()
        return try JSONResponse.make(
            Payload.Status(
                model: .init(
                    kind: saved.kind.name, version: model.version, trainedAt: saved.trainedAt,
                    trainingRatings: saved.training.count,
                    users: saved.training.userCount, items: saved.training.itemCount),
                ratings: .init(database: total, sinceRetrain: live.ratingsSinceTraining),
                retrain: .init(
                    state: state, since: since, error: error, completed: retrain.completed,
                    lastSeconds: retrain.lastSeconds)))
    }

    // MARK: - Input

    func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: bodyLimit)
        } catch {
            throw APIError.bodyTooLarge(limit: bodyLimit)
        }
        guard buffer.readableBytes > 0 else { throw APIError.invalidJSON("the body is empty: send JSON") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIError.invalidJSON(JSONErrorMiddleware<BasicRequestContext>.describe(error))
        }
    }

    func countParameter(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters.get("count") else { return 10 }
        guard let count = Int(text), (1...maximumCount).contains(count) else {
            throw APIError.invalidParameter("count must be an integer in 1...\(maximumCount), not '\(text)'")
        }
        return count
    }

    /// The integer query parameter `name` within `range`, or `value` when absent.
    static func intParameter(
        _ request: Request, _ name: String, default value: Int?, range: ClosedRange<Int>
    ) throws -> Int? {
        guard let text = request.uri.queryParameters.get(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.invalidParameter("\(name) must be an integer in \(range), not '\(text)'")
        }
        return number
    }

    static func boolParameter(_ request: Request, _ name: String, default value: Bool) throws -> Bool {
        guard let text = request.uri.queryParameters.get(name) else { return value }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError.invalidParameter("\(name) must be true, false, 1 or 0, not '\(text)'")
        }
    }

    /// `rank_by=interest|rating` (default interest).
    static func rankByParameter(_ request: Request) throws -> RankBy {
        guard let text = request.uri.queryParameters.get("rank_by") else { return .interest }
        guard let value = RankBy(rawValue: text.lowercased()) else {
            throw APIError.invalidParameter("rank_by must be interest or rating, not '\(text)'")
        }
        return value
    }

    static func pathID(_ context: BasicRequestContext) throws -> String {
        let raw = context.parameters.get("id") ?? ""
        let id = raw.removingPercentEncoding ?? raw
        guard !id.isEmpty else { throw APIError.invalidParameter("the id in the path is empty") }
        return id
    }

    /// `value` as a rating: finite and within the model's scale.
    static func checked(_ value: Double, scale: ClosedRange<Float>?, at field: String) throws -> Float {
        // Beyond ±3.4e38 a Double is finite but its Float is not.
        guard value.isFinite, Float(value).isFinite else {
            throw APIError.invalidRating("\(field) = \(value) is not a finite 32-bit number")
        }
        let rating = Float(value)
        if let scale, !scale.contains(rating) {
            throw APIError.invalidRating(
                "\(field) = \(value) is outside the rating scale \(scale.lowerBound)...\(scale.upperBound)")
        }
        return rating
    }

    static func lookup<T>(_ body: () throws(LookupError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            switch error {
            case .unknownUser(let id, let suggestions): throw APIError.unknownUser(id, suggestions: suggestions)
            case .unknownItem(let id, let suggestions): throw APIError.unknownItem(id, suggestions: suggestions)
            case .noSimilarity: throw APIError.notSupported(error.description)
            }
        }
    }

    static func items(_ entries: [SavedModel.Entry]) -> [Payload.Item] {
        entries.map { Payload.Item(id: $0.id, title: $0.title, score: $0.score, rating: $0.rating) }
    }
}

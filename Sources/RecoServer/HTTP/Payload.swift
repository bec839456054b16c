import Reco

/// A body written with `JSONText` rather than `JSONEncoder`.
protocol JSONWritable {
    func write(to json: inout JSONText)
}

/// The JSON bodies of the API (see `docs/api.md`).
enum Payload {
    /// An item in a result.
    struct Item {
        var id: String
        var title: String?
        var score: Float
        /// The predicted rating when the list is ranked by interest, else `nil`.
        var rating: Float? = nil
        /// The largest terms of its score (`explain=true`), or `nil` when not asked for.
        var reasons: [Term]? = nil

        /// `"items": [{"id", "rating"?, "reasons"?, "score", "title"}, …]`.
        static func write(_ items: [Item], to json: inout JSONText) {
            json.beginArray("items")
            for item in items {
                json.beginObject()
                json.field("id", item.id)
                if let rating = item.rating { json.field("rating", rating) }
                if let reasons = item.reasons { Term.write(reasons, as: "reasons", to: &json) }
                json.field("score", item.score)
                json.field("title", item.title)
                json.endObject()
            }
            json.endArray()
        }
    }

    /// One term of an explanation.
    struct Term {
        var kind: String
        var label: String
        var contribution: Float
        var item: String?
        var rating: Float?
        var feature: String?
        var component: String?

        init(_ term: ExplanationTerm, itemID: (Int) -> String) {
            kind = term.kind.rawValue
            label = term.label
            contribution = term.contribution
            item = term.item.map(itemID)
            rating = term.rating
            feature = term.feature
            component = term.component
        }

        /// `"key": [{"component"?, "contribution", "feature"?, "item"?, "kind", "label", "rating"?}, …]`.
        static func write(_ terms: [Term], as key: String, to json: inout JSONText) {
            json.beginArray(key)
            for term in terms {
                json.beginObject()
                if let component = term.component { json.field("component", component) }
                json.field("contribution", term.contribution)
                if let feature = term.feature { json.field("feature", feature) }
                if let item = term.item { json.field("item", item) }
                json.field("kind", term.kind)
                json.field("label", term.label)
                if let rating = term.rating { json.field("rating", rating) }
                json.endObject()
            }
            json.endArray()
        }
    }

    /// `GET /v1/users/{id}/items/{item}/explanation`.
    struct Explanation: JSONWritable {
        var user: String
        var item: String
        var title: String?
        var score: Float
        var source: String
        var terms: [Term]
        var modelVersion: Int

        func write(to json: inout JSONText) {
            json.beginObject()
            json.field("item", item)
            json.field("model_version", modelVersion)
            json.field("score", score)
            json.field("source", source)
            Term.write(terms, as: "terms", to: &json)
            json.field("title", title)
            json.field("user", user)
            json.endObject()
        }
    }

    /// `GET /v1/users/{id}/recommendations` and `POST /v1/recommendations`.
    struct Recommendations: JSONWritable {
        var user: String?
        var source: String
        var items: [Item]
        var modelVersion: Int

        func write(to json: inout JSONText) {
            json.beginObject()
            Item.write(items, to: &json)
            json.field("model_version", modelVersion)
            json.field("source", source)
            json.field("user", user)
            json.endObject()
        }
    }

    /// `GET /v1/items/{id}/similar`.
    struct Similar: JSONWritable {
        var item: String
        var source: String
        var items: [Item]

        func write(to json: inout JSONText) {
            json.beginObject()
            json.field("item", item)
            Item.write(items, to: &json)
            json.field("source", source)
            json.endObject()
        }
    }

    /// `GET /v1/items`: the catalog, searched by title or id.
    struct Catalog: JSONWritable {
        /// One item of the catalog.
        struct Entry {
            var id: String
            var title: String?
            /// Its training ratings (the list is ordered by them, most first).
            var ratings: Int
        }

        var search: String
        var matches: Int
        var items: [Entry]

        func write(to json: inout JSONText) {
            json.beginObject()
            json.beginArray("items")
            for item in items {
                json.beginObject()
                json.field("id", item.id)
                json.field("ratings", item.ratings)
                json.field("title", item.title)
                json.endObject()
            }
            json.endArray()
            json.field("matches", matches)
            json.field("search", search)
            json.endObject()
        }
    }

    /// `GET /v1/predictions`.
    struct Prediction: JSONWritable {
        var user: String
        var item: String
        var prediction: Float
        var source: String

        func write(to json: inout JSONText) {
            json.beginObject()
            json.field("item", item)
            json.field("prediction", prediction)
            json.field("source", source)
            json.field("user", user)
            json.endObject()
        }
    }

    /// `GET /v1/users/{id}/ratings`.
    struct UserRatings: Encodable {
        struct Rating: Encodable {
            var item: String
            var rating: Float
            var timestamp: Int64
        }
        var user: String
        var ratings: [Rating]
    }

    /// One rating in `POST /v1/ratings`.
    struct RatingInput: Decodable {
        var user: ID
        var item: ID
        var rating: Double
        var timestamp: Int64?
    }

    /// The body of `POST /v1/ratings`: one rating or an array of them.
    struct RatingBatch: Decodable {
        var ratings: [RatingInput]

        init(from decoder: any Decoder) throws {
            if let many = try? [RatingInput](from: decoder) {
                ratings = many
            } else if (try? decoder.singleValueContainer().decode([JSONAny].self)) != nil {
                // An array whose elements are wrong: decode again for the precise error.
                ratings = try [RatingInput](from: decoder)
            } else {
                ratings = [try RatingInput(from: decoder)]
            }
        }
    }

    /// The answer to `POST /v1/ratings`.
    struct Stored: Encodable {
        var stored: Int
        var users: Int
        var modelVersion: Int
    }

    /// The body of `POST /v1/items` and `/v1/users`.
    struct ProfileInput: Decodable {
        var id: ID
        var title: String?
        var features: Features
    }

    /// Features as a list of names (`["Sci-Fi", "Action"]`) or an object (`{"age": "25-34",
    /// "gender": "F"}`, `{"year": 1995}` for a numeric feature).
    struct Features: Decodable {
        /// In `SavedModel`'s feature text: `Sci-Fi;Action`, `age=25-34;gender=F`, `year:1995`.
        var text: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let names = try? container.decode([String].self) {
                text = names.joined(separator: ";")
            } else if let object = try? container.decode([String: Value].self) {
                text = object.keys.sorted().map { key in
                    switch object[key]! {
                    case .text(let value): return "\(key)=\(value)"
                    case .number(let value): return "\(key):\(value)"
                    }
                }.joined(separator: ";")
            } else {
                throw DecodingError.typeMismatch(
                    [String].self,
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription: "features are a list of names or an object of name: value"))
            }
        }

        enum Value: Decodable {
            case text(String)
            case number(Double)

            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Double.self) {
                    self = .number(number)
                } else {
                    self = .text(try container.decode(String.self))
                }
            }
        }
    }

    /// The answer to `POST /v1/items` and `/v1/users`.
    struct Posted: Encodable {
        var id: String
        var features: String
        /// Whether the id had been posted before (its features replaced).
        var replaced: Bool
        var modelVersion: Int
    }

    /// The body of `POST /v1/recommendations`.
    struct AnonymousRequest: Decodable {
        var items: [ID]
        var ratings: [Double]?
        var count: Int?
    }

    /// `GET /v1/admin/status`.
    struct Status: Encodable {
        struct Model: Encodable {
            var kind: String
            var version: Int
            var trainedAt: String
            var trainingRatings: Int
            var users: Int
            var items: Int
        }
        struct Ratings: Encodable {
            var database: Int
            var sinceRetrain: Int
        }
        struct Retrain: Encodable {
            var state: String
            var since: String?
            var error: String?
            var completed: Int
            var lastSeconds: Double?
        }
        var model: Model
        var ratings: Ratings
        var retrain: Retrain
    }

    /// `POST /v1/admin/retrain`, `/healthz`, `/readyz`.
    struct Message: Encodable {
        var status: String
        var modelVersion: Int?
    }

    /// An id given as a JSON string or integer.
    struct ID: Decodable {
        var value: String

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let string = try? container.decode(String.self) {
                value = string
            } else if let number = try? container.decode(Int64.self) {
                value = String(number)
            } else {
                throw DecodingError.typeMismatch(
                    String.self,
                    .init(codingPath: decoder.codingPath, debugDescription: "an id is a string or an integer"))
            }
        }
    }

    /// Any JSON value (to tell an array from an object).
    struct JSONAny: Decodable {
        init(from decoder: any Decoder) throws {}
    }
}

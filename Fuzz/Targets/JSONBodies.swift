import Foundation
import Hummingbird
import Reco

@testable import RecoServer

/// The `json` target: every input decoded as each of the service's request bodies, with the
/// checks the routes make after decoding (ids, rating scale, features against the model).
enum JSONBodies {
    /// A hybrid with item and user features, trained once on six ratings.
    static let model: SavedModel = {
        let ratings = Scratch.write("json-ratings.csv", Array("u1,a,4\nu1,b,2\nu2,a,5\nu2,c,1\nu3,b,3\nu3,c,5\n".utf8))
        let items = Scratch.write("json-items.tsv", Array("a\tDrama\nb\tComedy Drama\nc\tSci-Fi\n".utf8))
        let users = Scratch.write("json-users.tsv", Array("u1\tage=25-34\nu2\tage=18-24\nu3\tage=25-34\n".utf8))
        do {
            let dataset = try DatasetLoader(itemFeaturesPath: items, userFeaturesPath: users).load(ratings)
            let kind = try ModelRegistry.standard.kind(named: "hybrid")
            let parameters = ModelParameters(["factors": "4", "epochs": "2", "ranker": "none"])
            let trained = try kind.fit(SideFeatures(dataset).trainingData(for: dataset.ratings), parameters: parameters)
            return SavedModel(model: trained, parameters: parameters, training: dataset.ratings)
        } catch {
            fatalError("the json target's model did not train: \(error)")
        }
    }()

    static func run(_ bytes: [UInt8]) {
        let data = Data(bytes)
        let decoder = JSONDecoder()
        do {
            let batch = try decoder.decode(Payload.RatingBatch.self, from: data)
            for input in batch.ratings {
                _ = try? RecoRoutes.checked(input.rating, scale: model.ratingScale, at: "rating")
            }
        } catch let error as DecodingError {
            _ = JSONErrorMiddleware<BasicRequestContext>.describe(error)
        } catch {}
        if let profile = try? decoder.decode(Payload.ProfileInput.self, from: data) {
            _ = try? model.itemFeatureRow(profile.features.text)
            _ = try? model.userFeatureRow(profile.features.text)
        }
        if let request = try? decoder.decode(Payload.AnonymousRequest.self, from: data) {
            let ratings = request.ratings.map { $0.map(Float.init) }
            if ratings == nil || ratings?.count == request.items.count {
                _ = try? model.recommend(
                    forItems: request.items.map(\.value), ratings: ratings,
                    count: min(max(request.count ?? 10, 1), 1000))
            }
        }
    }
}

import Foundation
import Reco

/// One model a report compares: the name it is shown by, its kind and its hyperparameters.
struct ComparedModel {
    var name: String
    var kind: ModelKind
    var parameters: ModelParameters

    /// The report's models: `--models a,b,c` with their defaults; a preset, with a blend's members
    /// (as the preset trains them) and `baseline` beside it; or, with neither, the usual rating
    /// models. Every one gets `seed` when it has a seed and names none.
    ///
    /// - Throws: `ModelError` for an unknown model or preset, or a bad parameter.
    static func resolve(models: String?, preset: String?, seed: UInt64) throws -> [ComparedModel] {
        var result: [ComparedModel] = []
        if let preset {
            let chosen = try ModelPreset.named(preset)
            if chosen.kind == Blend.kind {
                let configuration = try Blend.configuration(from: chosen.parameters)
                result += configuration.components.map {
                    ComparedModel(name: $0.kind.name, kind: $0.kind, parameters: $0.parameters)
                }
            }
            if !result.contains(where: { $0.kind == BaselinePredictor.kind }) && !chosen.kind.ranksOnly {
                result.insert(ComparedModel(name: "baseline", kind: BaselinePredictor.kind, parameters: .init()), at: 0)
            }
            result.append(
                ComparedModel(name: "preset \(chosen.name)", kind: chosen.kind, parameters: chosen.parameters))
        } else {
            let names = (models ?? "baseline,biased-mf,svd++,item-knn,als").split(separator: ",").map {
                String($0).trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
            for name in names {
                let kind = try ModelRegistry.standard.kind(named: name)
                guard !result.contains(where: { $0.kind == kind }) else { continue }
                result.append(ComparedModel(name: kind.name, kind: kind, parameters: ModelParameters()))
            }
        }
        return try result.map { model in
            var model = model
            if model.parameters["seed"] == nil && model.kind.hasParameter("seed") {
                model.parameters["seed"] = String(seed)
            }
            try model.kind.validate(model.parameters)
            return model
        }
    }

    /// The metrics it is scored on: rating and top-N metrics, or top-N alone for a ranking model.
    var metrics: [Metric] {
        let ranking: [Metric] = [.ndcg(10), .recall(10)]
        return kind.ranksOnly ? ranking : [.rmse, .mae] + ranking
    }
}

/// The input formats Reco reads.
public enum DataFormat: String, CaseIterable, Sendable {
    /// Detect from the path: a MovieLens folder, RecBole atomic files, or one delimited ratings file.
    case auto
    /// GroupLens MovieLens layouts: the 100k folder (`u.data`, `u.item`), `ratings.csv` + `movies.csv`,
    /// or `ratings.dat` + `movies.dat`.
    case movielens
    /// RecBole atomic files: `NAME.inter`, with `NAME.item` beside it when present.
    case recbole
    /// A delimited file of `user,item,rating[,timestamp]` rows, header optional.
    case csv
    /// A dense users × items matrix (the notebook's Y): one row per user, NaN or empty = not rated.
    case dense
}

/// The service's OpenAPI 3.1 document: every route, parameter, body, answer and error of
/// `reco serve`. Served at `GET /openapi.yaml` and printed by `reco openapi`, which writes
/// `docs/openapi.yaml` (a test checks the two are the same, and that the document lists exactly the
/// routes `RecoRoutes` registers).
public enum OpenAPIDocument {
    /// The document, as YAML.
    public static let yaml: String = #"""
        openapi: 3.1.0
        info:
          title: Reco service
          version: "1"
          summary: Recommendations, predictions, explanations and rating ingestion from a trained Reco model.
          description: |
            The HTTP service `reco serve --model FILE --db FILE [--token-file FILE]` answers. Every answer is
            JSON except the dashboard at `/` (HTML), `/metrics` (Prometheus text) and this document (YAML). Every error is
            `{"error": code, "detail": message}` with a 4xx status for bad input, 500 only for a failure of
            the service itself; a method a path does not have is `405 method_not_allowed` with `Allow`.
            Write and admin routes need `Authorization: Bearer TOKEN` when the service was started with a
            token. The prose guide with worked examples is docs/api.md; this document is served by the
            running service at `GET /openapi.yaml` and printed by `reco openapi`.

            Examples are answers of `reco serve` over a biased-mf model of MovieLens 100k (ids are
            MovieLens' numbers; titles are the films').
          license:
            name: Reco's licence
        servers:
          - url: http://localhost:8080
        tags:
          - name: reading
            description: Answers from the served model; nothing is stored.
          - name: writing
            description: Ratings, items and users stored in the database (needs the token).
          - name: admin
            description: Retraining and status (needs the token).
          - name: operations
            description: Health, readiness, metrics and this document.
        paths:
          /:
            get:
              tags: [operations]
              operationId: dashboard
              summary: The dashboard, an HTML page that reads this API.
              description: |
                The model's version, a box for a user id (recommendations, each with its reasons and a
                "why?" explanation) and one for a film (search the catalog, then similar films). Its CSS and
                script are inline and it fetches nothing from elsewhere. It holds no secret: the model's
                details and the ratings (`/v1/admin/status`) show only after the visitor types the token.
              responses:
                "200":
                  description: The page.
                  content:
                    text/html:
                      schema: { type: string }
          /healthz:
            get:
              tags: [operations]
              operationId: health
              summary: The process answers.
              responses:
                "200":
                  description: Always, while the process runs.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Message" }
                      example: { status: ok }
          /readyz:
            get:
              tags: [operations]
              operationId: readiness
              summary: The model is loaded (the service listens only then).
              responses:
                "200":
                  description: Ready, with the served model's version.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Message" }
                      example: { model_version: 1, status: ready }
          /metrics:
            get:
              tags: [operations]
              operationId: metrics
              summary: Prometheus metrics.
              description: |
                `reco_http_requests_total{route,method,status}`, `reco_http_request_duration_seconds{route,method}`
                (histogram), `reco_ratings_ingested_total`, `reco_model_version`,
                `reco_retrain_duration_seconds` (histogram).
              responses:
                "200":
                  description: The Prometheus text exposition format, version 0.0.4.
                  content:
                    text/plain:
                      schema: { type: string }
                      example: |
                        reco_ratings_ingested_total 3
                        reco_model_version 2.0
          /openapi.yaml:
            get:
              tags: [operations]
              operationId: openAPIDocument
              summary: This document.
              responses:
                "200":
                  description: The OpenAPI 3.1 document of the running service.
                  content:
                    application/yaml: {}
          /v1/users/{id}/recommendations:
            get:
              tags: [reading]
              operationId: userRecommendations
              summary: The top items for a user.
              description: |
                For a trained user, a user folded in from ratings posted since training, or a user posted
                with features. Rating models rank by interest unless `rank_by=rating`; their items then carry
                `rating`, the predicted rating. `explain=true` adds `reasons` to every item.
              parameters:
                - $ref: "#/components/parameters/UserID"
                - $ref: "#/components/parameters/Count"
                - name: exclude_rated
                  in: query
                  description: Leave out the items the user rated.
                  schema: { type: string, enum: ["true", "false", "1", "0"], default: "true" }
                - name: explain
                  in: query
                  description: Add each item's three largest reasons.
                  schema: { type: string, enum: ["true", "false", "1", "0"], default: "false" }
                - $ref: "#/components/parameters/RankBy"
              responses:
                "200":
                  description: The list, best first.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Recommendations" }
                      example:
                        items:
                          - { id: "216", rating: 3.990079, score: 0.41140643, title: "When Harry Met Sally... (1989)" }
                          - { id: "275", rating: 4.0258865, score: 0.40561512, title: "Sense and Sensibility (1995)" }
                        model_version: 1
                        source: model
                        user: "196"
                "400": { $ref: "#/components/responses/BadRequest" }
                "404": { $ref: "#/components/responses/NotFound" }
          /v1/users/{id}/ratings:
            get:
              tags: [reading]
              operationId: userRatings
              summary: The ratings stored for a user, oldest first.
              parameters:
                - $ref: "#/components/parameters/UserID"
              responses:
                "200":
                  description: The user's ratings.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/UserRatings" }
                      example:
                        ratings:
                          - { item: "242", rating: 3, timestamp: 881250949 }
                          - { item: "257", rating: 2, timestamp: 881251577 }
                        user: "196"
                "404": { $ref: "#/components/responses/NotFound" }
          /v1/users/{id}/items/{item}/explanation:
            get:
              tags: [reading]
              operationId: explanation
              summary: The terms that add up to the user's score for an item.
              parameters:
                - $ref: "#/components/parameters/UserID"
                - name: item
                  in: path
                  required: true
                  description: The item's id.
                  schema: { type: string, minLength: 1 }
                  example: "50"
                - name: top
                  in: query
                  description: Keep the N largest terms and sum the rest into one `other` term.
                  schema: { type: integer, minimum: 1, maximum: 10000 }
              responses:
                "200":
                  description: The explanation; `terms` add up to `score`.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Explanation" }
                      example:
                        item: "50"
                        model_version: 1
                        score: 4.1130424
                        source: model
                        terms:
                          - { contribution: 3.52986, kind: mean, label: average rating }
                          - { contribution: 0.8661911, kind: item-bias, label: how this item is rated }
                          - contribution: -0.25986576
                            item: "173"
                            kind: rated-item
                            label: "because of Princess Bride, The (1987) (rated 2★)"
                            rating: 2.0
                          - { contribution: -0.023142878, kind: other, label: 40 other reasons }
                        title: Star Wars (1977)
                        user: "196"
                "400": { $ref: "#/components/responses/BadRequest" }
                "404": { $ref: "#/components/responses/NotFound" }
          /v1/items/{id}/similar:
            get:
              tags: [reading]
              operationId: similarItems
              summary: The items most similar to an item.
              description: |
                Cosine of item vectors for factor models, item–item weights for k-NN and EASE. An item rated
                since the last retrain but not in the model yet gets the most popular items
                (`source: popularity`).
              parameters:
                - name: id
                  in: path
                  required: true
                  description: The item's id.
                  schema: { type: string, minLength: 1 }
                  example: "50"
                - $ref: "#/components/parameters/Count"
              responses:
                "200":
                  description: The similar items, most similar first.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Similar" }
                      example:
                        item: "50"
                        items:
                          - { id: "172", score: 0.77554876, title: "Empire Strikes Back, The (1980)" }
                          - { id: "181", score: 0.7520779, title: "Return of the Jedi (1983)" }
                        source: model
                "400": { $ref: "#/components/responses/BadRequest" }
                "404": { $ref: "#/components/responses/NotFound" }
                "422": { $ref: "#/components/responses/Unprocessable" }
          /v1/predictions:
            get:
              tags: [reading]
              operationId: prediction
              summary: The predicted rating of an item by a user, clipped to the training scale.
              parameters:
                - name: user
                  in: query
                  required: true
                  schema: { type: string, minLength: 1 }
                  example: "196"
                - name: item
                  in: query
                  required: true
                  schema: { type: string, minLength: 1 }
                  example: "242"
              responses:
                "200":
                  description: The prediction; `source` is `model`, `fold-in` or `item-mean`.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Prediction" }
                      example: { item: "242", prediction: 3.8892074, source: model, user: "196" }
                "400": { $ref: "#/components/responses/BadRequest" }
                "404": { $ref: "#/components/responses/NotFound" }
          /v1/recommendations:
            post:
              tags: [reading]
              operationId: anonymousRecommendations
              summary: Recommendations for an anonymous user from the items they liked (fold-in; nothing is stored).
              parameters:
                - $ref: "#/components/parameters/RankBy"
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { $ref: "#/components/schemas/AnonymousRequest" }
                    example: { items: ["50", "172", "181"], count: 3 }
              responses:
                "200":
                  description: The list, best first; the given items are left out.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Recommendations" }
                      example:
                        items:
                          - { id: "127", rating: 4.3873215, score: 0.18581258, title: "Godfather, The (1972)" }
                          - { id: "257", rating: 4.019823, score: 0.18006025, title: "Men in Black (1997)" }
                        model_version: 1
                        source: fold-in
                "400": { $ref: "#/components/responses/BadRequest" }
                "404": { $ref: "#/components/responses/NotFound" }
                "413": { $ref: "#/components/responses/TooLarge" }
                "422": { $ref: "#/components/responses/Unprocessable" }
          /v1/ratings:
            post:
              tags: [writing]
              operationId: postRatings
              summary: Store one rating or a batch, and fold them into the users' vectors.
              description: |
                Every rating is checked first and a batch with one bad rating is refused whole. `201` only
                after the transaction is committed and each user's vector re-solved. Unknown users and
                items are created.
              security: [{ bearer: [] }]
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      oneOf:
                        - $ref: "#/components/schemas/RatingInput"
                        - type: array
                          minItems: 1
                          items: { $ref: "#/components/schemas/RatingInput" }
                    example:
                      - { user: "196", item: "50", rating: 5 }
                      - { user: "196", item: "172", rating: 5 }
              responses:
                "201":
                  description: Stored.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Stored" }
                      example: { model_version: 1, stored: 2, users: 1 }
                "400": { $ref: "#/components/responses/BadRequest" }
                "401": { $ref: "#/components/responses/Unauthorized" }
                "413": { $ref: "#/components/responses/TooLarge" }
                "422": { $ref: "#/components/responses/Unprocessable" }
          /v1/items:
            get:
              tags: [reading]
              operationId: listItems
              summary: The model's items whose title or id contains a text, most rated first.
              parameters:
                - name: search
                  in: query
                  description: Text to find in titles and ids, in any case; absent or empty lists every item.
                  schema: { type: string }
                  example: star wars
                - $ref: "#/components/parameters/Count"
              responses:
                "200":
                  description: The matching items, most training ratings first, and how many match in all.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Catalog" }
                      example:
                        items:
                          - { id: "50", ratings: 583, title: Star Wars (1977) }
                        matches: 1
                        search: star wars
                "400": { $ref: "#/components/responses/BadRequest" }
            post:
              tags: [writing]
              operationId: postItem
              summary: A new item known by its features, served at once by a model that reads item features.
              security: [{ bearer: [] }]
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { $ref: "#/components/schemas/ProfileInput" }
                    example: { id: "9001", title: Starfall (1998), features: [Sci-Fi, Action, Adventure, released=1995-1999] }
              responses:
                "200":
                  description: The id had been posted before; its features (and title) replaced.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Posted" }
                "201":
                  description: Stored and served.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Posted" }
                      example:
                        features: "Sci-Fi;Action;Adventure;released=1995-1999"
                        id: "9001"
                        model_version: 1
                        replaced: false
                "400": { $ref: "#/components/responses/BadRequest" }
                "401": { $ref: "#/components/responses/Unauthorized" }
                "413": { $ref: "#/components/responses/TooLarge" }
                "422": { $ref: "#/components/responses/Unprocessable" }
          /v1/users:
            post:
              tags: [writing]
              operationId: postUser
              summary: A new user known by their features, served at once by a model that reads user features.
              security: [{ bearer: [] }]
              requestBody:
                required: true
                content:
                  application/json:
                    schema: { $ref: "#/components/schemas/ProfileInput" }
                    example: { id: new-writer, features: { age: 25-34, gender: F, occupation: writer } }
              responses:
                "200":
                  description: The id had been posted before; its features replaced.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Posted" }
                "201":
                  description: Stored and served.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Posted" }
                      example:
                        features: "age=25-34;gender=F;occupation=writer"
                        id: new-writer
                        model_version: 1
                        replaced: false
                "400": { $ref: "#/components/responses/BadRequest" }
                "401": { $ref: "#/components/responses/Unauthorized" }
                "413": { $ref: "#/components/responses/TooLarge" }
                "422": { $ref: "#/components/responses/Unprocessable" }
          /v1/admin/retrain:
            post:
              tags: [admin]
              operationId: retrain
              summary: Retrain in the background from every stored rating and swap the new model in.
              security: [{ bearer: [] }]
              responses:
                "202":
                  description: Started.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Message" }
                      example: { model_version: 1, status: retraining }
                "401": { $ref: "#/components/responses/Unauthorized" }
                "409":
                  description: A retrain or a reload is already running (`retrain_running`).
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Error" }
                      example:
                        detail: "a retrain or a reload is already running; GET /v1/admin/status shows its progress"
                        error: retrain_running
          /v1/admin/reload:
            post:
              tags: [admin]
              operationId: reload
              summary: Read the model file again (replaced by reco import-spark or reco train) and serve it.
              description: >-
                Reads the file given to `reco serve --model` and swaps it in as a new model version; the
                stored ratings it was not trained on are folded in, posted items and users kept. On any
                error the old model keeps serving.
              security: [{ bearer: [] }]
              responses:
                "200":
                  description: The new model serves.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Message" }
                      example: { model_version: 2, status: reloaded }
                "401": { $ref: "#/components/responses/Unauthorized" }
                "409":
                  description: >-
                    A retrain or a reload is already running (`retrain_running`), or the file cannot be
                    read (`invalid_model_file`).
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Error" }
                      example:
                        detail: "the model file cannot be served, the old model still is: model.reco: truncated file: 20 bytes, expected at least 24"
                        error: invalid_model_file
          /v1/admin/status:
            get:
              tags: [admin]
              operationId: status
              summary: The served model, the stored ratings and the retrainer's state.
              security: [{ bearer: [] }]
              responses:
                "200":
                  description: The status.
                  content:
                    application/json:
                      schema: { $ref: "#/components/schemas/Status" }
                      example:
                        model:
                          items: 1682
                          kind: biased-mf
                          trained_at: "2026-11-30T09:05:49Z"
                          training_ratings: 100003
                          users: 943
                          version: 2
                        ratings: { database: 100003, since_retrain: 0 }
                        retrain: { completed: 1, last_seconds: 0.240104423, state: idle }
                "401": { $ref: "#/components/responses/Unauthorized" }
        components:
          securitySchemes:
            bearer:
              type: http
              scheme: bearer
              description: The token in the file given to `reco serve --token-file` (16 characters or more).
          parameters:
            UserID:
              name: id
              in: path
              required: true
              description: The user's id.
              schema: { type: string, minLength: 1 }
              example: "196"
            Count:
              name: count
              in: query
              description: How many items.
              schema: { type: integer, minimum: 1, maximum: 1000, default: 10 }
            RankBy:
              name: rank_by
              in: query
              description: |
                How a rating model orders its list: `interest` (its interest ranker's score plus a little of
                the predicted rating, the default) or `rating` (the predicted rating alone). Models without
                a ranker order by their own score either way.
              schema: { type: string, enum: [interest, rating], default: interest }
          responses:
            BadRequest:
              description: >-
                `invalid_json` (the body is not JSON, or a field is missing or of the wrong type) or
                `invalid_parameter` (a query or body value outside what the route accepts).
              content:
                application/json:
                  schema: { $ref: "#/components/schemas/Error" }
                  example: { detail: "count must be an integer in 1...1000, not '0'", error: invalid_parameter }
            Unauthorized:
              description: "`unauthorized`: no `Authorization: Bearer TOKEN`, or the wrong token."
              headers:
                WWW-Authenticate:
                  schema: { type: string, const: Bearer }
              content:
                application/json:
                  schema: { $ref: "#/components/schemas/Error" }
                  example:
                    detail: "this route needs the header 'Authorization: Bearer <token>' with the server's token"
                    error: unauthorized
            NotFound:
              description: "`unknown_user` or `unknown_item` (with the closest known ids), or `not_found` (no such route)."
              content:
                application/json:
                  schema: { $ref: "#/components/schemas/Error" }
                  example: { detail: "unknown user '1960'; did you mean '196', '960', '190'?", error: unknown_user }
            TooLarge:
              description: "`body_too_large`: the body is over `--body-limit`."
              content:
                application/json:
                  schema: { $ref: "#/components/schemas/Error" }
            Unprocessable:
              description: >-
                `invalid_rating` (not finite, or outside the rating scale), `unknown_feature` (with suggestions) or
                `not_supported` (the model cannot answer this).
              content:
                application/json:
                  schema: { $ref: "#/components/schemas/Error" }
                  example: { detail: "rating = 7.0 is outside the rating scale 1.0...5.0", error: invalid_rating }
          schemas:
            Error:
              type: object
              required: [error, detail]
              additionalProperties: false
              properties:
                error:
                  type: string
                  enum:
                    - invalid_json
                    - invalid_parameter
                    - invalid_rating
                    - body_too_large
                    - unknown_user
                    - unknown_item
                    - not_found
                    - method_not_allowed
                    - unknown_feature
                    - not_supported
                    - unauthorized
                    - retrain_running
                    - invalid_model_file
                    - internal
                detail: { type: string }
            Message:
              type: object
              required: [status]
              additionalProperties: false
              properties:
                status: { type: string }
                model_version: { type: integer }
            Score:
              description: A finite number, or null where the model's arithmetic gave none.
              type: [number, "null"]
            Term:
              type: object
              required: [kind, label, contribution]
              additionalProperties: false
              properties:
                kind:
                  type: string
                  enum:
                    - mean
                    - user-bias
                    - item-bias
                    - rated-item
                    - item-feature
                    - user-feature
                    - residual
                    - popularity
                    - intercept
                    - clipping
                    - other
                label: { type: string }
                contribution: { $ref: "#/components/schemas/Score" }
                item: { type: string, description: "A `rated-item` term's item." }
                rating: { $ref: "#/components/schemas/Score", description: "A `rated-item` term's rating by the user." }
                feature: { type: string, description: "A feature term's feature." }
                component: { type: string, description: "A blend's component the term comes from." }
            Item:
              type: object
              required: [id, score]
              additionalProperties: false
              properties:
                id: { type: string }
                title: { type: string }
                score: { $ref: "#/components/schemas/Score" }
                rating:
                  $ref: "#/components/schemas/Score"
                  description: The predicted rating, on lists a rating model ranks by interest.
                reasons:
                  type: array
                  items: { $ref: "#/components/schemas/Term" }
            Recommendations:
              type: object
              required: [items, model_version, source]
              additionalProperties: false
              properties:
                items:
                  type: array
                  items: { $ref: "#/components/schemas/Item" }
                model_version: { type: integer }
                source:
                  type: string
                  enum: [model, fold-in, features, popularity]
                user: { type: string }
            Catalog:
              type: object
              required: [items, matches, search]
              additionalProperties: false
              properties:
                items:
                  type: array
                  items:
                    type: object
                    required: [id, ratings]
                    additionalProperties: false
                    properties:
                      id: { type: string }
                      ratings: { type: integer, minimum: 0 }
                      title: { type: string }
                matches: { type: integer, minimum: 0 }
                search: { type: string }
            Similar:
              type: object
              required: [item, items, source]
              additionalProperties: false
              properties:
                item: { type: string }
                items:
                  type: array
                  items: { $ref: "#/components/schemas/Item" }
                source: { type: string, enum: [model, popularity] }
            Prediction:
              type: object
              required: [user, item, prediction, source]
              additionalProperties: false
              properties:
                user: { type: string }
                item: { type: string }
                prediction: { $ref: "#/components/schemas/Score" }
                source: { type: string, enum: [model, fold-in, item-mean] }
            Explanation:
              type: object
              required: [user, item, score, source, terms, model_version]
              additionalProperties: false
              properties:
                user: { type: string }
                item: { type: string }
                title: { type: string }
                score: { $ref: "#/components/schemas/Score" }
                source: { type: string, enum: [model, fold-in, features] }
                terms:
                  type: array
                  items: { $ref: "#/components/schemas/Term" }
                model_version: { type: integer }
            UserRatings:
              type: object
              required: [user, ratings]
              additionalProperties: false
              properties:
                user: { type: string }
                ratings:
                  type: array
                  items:
                    type: object
                    required: [item, rating, timestamp]
                    additionalProperties: false
                    properties:
                      item: { type: string }
                      rating: { type: number }
                      timestamp: { type: integer, description: Seconds since 1970. }
            ID:
              description: An id, as a JSON string or integer.
              oneOf:
                - { type: string }
                - { type: integer }
            RatingInput:
              type: object
              required: [user, item, rating]
              properties:
                user: { $ref: "#/components/schemas/ID" }
                item: { $ref: "#/components/schemas/ID" }
                rating: { type: number, description: Within the model's rating scale. }
                timestamp: { type: [integer, "null"], description: Seconds since 1970; now when absent or null. }
            Stored:
              type: object
              required: [stored, users, model_version]
              additionalProperties: false
              properties:
                stored: { type: integer }
                users: { type: integer }
                model_version: { type: integer }
            ProfileInput:
              type: object
              required: [id, features]
              properties:
                id: { $ref: "#/components/schemas/ID" }
                title: { type: [string, "null"], description: "An item's title (items only); null is as absent." }
                features:
                  description: |
                    Names as the model names them (`["Sci-Fi", "released=1995-1999"]`), or an object of
                    name: value (`{"age": "25-34"}`; a number for a numeric feature).
                  oneOf:
                    - type: array
                      items: { type: string }
                    - type: object
                      additionalProperties:
                        oneOf:
                          - { type: string }
                          - { type: number }
            Posted:
              type: object
              required: [id, features, replaced, model_version]
              additionalProperties: false
              properties:
                id: { type: string }
                features: { type: string, description: "The features as the model reads them, separated by `;`." }
                replaced: { type: boolean }
                model_version: { type: integer }
            AnonymousRequest:
              type: object
              required: [items]
              properties:
                items:
                  type: array
                  minItems: 1
                  items: { $ref: "#/components/schemas/ID" }
                ratings:
                  type: [array, "null"]
                  description: One per item; every item counts as the top of the scale without it (or with null).
                  items: { type: number }
                count: { type: [integer, "null"], minimum: 1, maximum: 1000, default: 10, description: 10 when absent or null. }
            Status:
              type: object
              required: [model, ratings, retrain]
              additionalProperties: false
              properties:
                model:
                  type: object
                  required: [kind, version, trained_at, training_ratings, users, items]
                  additionalProperties: false
                  properties:
                    kind: { type: string }
                    version: { type: integer }
                    trained_at: { type: string }
                    training_ratings: { type: integer }
                    users: { type: integer }
                    items: { type: integer }
                ratings:
                  type: object
                  required: [database, since_retrain]
                  additionalProperties: false
                  properties:
                    database: { type: integer }
                    since_retrain: { type: integer }
                retrain:
                  type: object
                  required: [state, completed]
                  additionalProperties: false
                  properties:
                    state: { type: string, enum: [idle, running, failed] }
                    since: { type: string, description: When the running retrain started (ISO 8601). }
                    error: { type: string, description: Why the last retrain failed. }
                    completed: { type: integer }
                    last_seconds: { type: number }

        """#
}

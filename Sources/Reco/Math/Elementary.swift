import RealModule

// Thin wrappers so numeric files need not import the math module themselves.
@usableFromInline func _log(_ x: Double) -> Double { Double.log(x) }
@usableFromInline func _log2(_ x: Double) -> Double { Double.log2(x) }
@usableFromInline func _pow(_ x: Double, _ y: Double) -> Double { Double.pow(x, y) }
@usableFromInline func _expf(_ x: Float) -> Float { Float.exp(x) }
/// ln(1 + eˣ) without overflow.
@usableFromInline func _log1pexp(_ x: Float) -> Float { x > 20 ? x : Float.log(onePlus: Float.exp(x)) }

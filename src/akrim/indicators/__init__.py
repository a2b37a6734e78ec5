"""Risk indicators: a catalogue of small declarative units (one YAML + one SQL file each in
`catalogue/`), thresholds and weights in `config.yaml`, and a runner that stores each
indicator's evidence rows and its three-state result per actor (hit, no hit, insufficient data).
"""

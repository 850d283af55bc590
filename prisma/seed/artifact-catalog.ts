// The models Acme Robotics builds. `scale` > 1 adds variants of these (regional, edge, distilled…).

export type DemoProjectSpec = {
  slug: string;
  name: string;
  description: string;
  team: string;
  /** Where its versions live: an MLflow registry or an S3 bucket. */
  registry: "mlflow" | "s3";
};

export type DemoArtifactSpec = {
  name: string;
  project: string;
  task: string;
  format: "safetensors" | "onnx" | "pytorch" | "gguf";
  /** Typical size of one version, in megabytes. */
  sizeMb: number;
  description: string;
};

export const demoProjects: readonly DemoProjectSpec[] = [
  {
    slug: "factory-inspection",
    name: "Factory inspection",
    team: "vision-team",
    registry: "mlflow",
    description: "Visual quality control on the assembly lines.",
  },
  {
    slug: "warehouse-navigation",
    name: "Warehouse navigation",
    team: "vision-team",
    registry: "s3",
    description: "Perception for autonomous warehouse robots.",
  },
  {
    slug: "support-assistant",
    name: "Support assistant",
    team: "language-team",
    registry: "s3",
    description: "Routing and answering customer support tickets.",
  },
  {
    slug: "document-understanding",
    name: "Document understanding",
    team: "language-team",
    registry: "mlflow",
    description: "Extraction from invoices, contracts and manuals.",
  },
  {
    slug: "demand-forecasting",
    name: "Demand forecasting",
    team: "forecasting-team",
    registry: "mlflow",
    description: "Orders, spare parts and pricing forecasts.",
  },
  {
    slug: "fleet-telemetry",
    name: "Fleet telemetry",
    team: "forecasting-team",
    registry: "s3",
    description: "Predictive maintenance for deployed robots.",
  },
];

const artifact = (
  name: string,
  project: string,
  task: string,
  format: DemoArtifactSpec["format"],
  sizeMb: number,
  description: string,
): DemoArtifactSpec => ({ name, project, task, format, sizeMb, description });

export const demoArtifacts: readonly DemoArtifactSpec[] = [
  artifact(
    "defect-detector-resnet50",
    "factory-inspection",
    "image-classification",
    "onnx",
    98,
    "Flags surface defects on machined parts.",
  ),
  artifact(
    "weld-seam-segmenter-unet",
    "factory-inspection",
    "image-segmentation",
    "pytorch",
    124,
    "Segments weld seams for porosity checks.",
  ),
  artifact(
    "surface-anomaly-patchcore",
    "factory-inspection",
    "anomaly-detection",
    "safetensors",
    210,
    "Unsupervised anomaly maps for painted panels.",
  ),
  artifact("pcb-inspection-yolov8", "factory-inspection", "object-detection", "onnx", 52, "Finds missing and misaligned PCB components."),
  artifact("label-ocr-trocr", "factory-inspection", "ocr", "safetensors", 334, "Reads part labels and serial numbers."),
  artifact("pallet-detector-yolov8", "warehouse-navigation", "object-detection", "onnx", 87, "Detects pallets and forklift pockets."),
  artifact("depth-estimator-midas", "warehouse-navigation", "depth-estimation", "pytorch", 401, "Monocular depth for obstacle avoidance."),
  artifact(
    "obstacle-segmenter-deeplabv3",
    "warehouse-navigation",
    "image-segmentation",
    "onnx",
    168,
    "Segments people and obstacles in aisles.",
  ),
  artifact("bin-picking-grasp-net", "warehouse-navigation", "grasp-planning", "pytorch", 143, "Proposes grasps for mixed-item bins."),
  artifact(
    "place-recognition-netvlad",
    "warehouse-navigation",
    "place-recognition",
    "safetensors",
    59,
    "Relocalises robots from camera frames.",
  ),
  artifact(
    "support-intent-classifier",
    "support-assistant",
    "text-classification",
    "safetensors",
    268,
    "Classifies the intent of incoming tickets.",
  ),
  artifact("ticket-router-distilbert", "support-assistant", "text-classification", "onnx", 255, "Routes tickets to the right queue."),
  artifact("reply-suggester-llama3-8b", "support-assistant", "text-generation", "gguf", 4920, "Drafts replies for support agents."),
  artifact("support-embedder-e5-base", "support-assistant", "embedding", "safetensors", 438, "Embeds tickets and articles for search."),
  artifact(
    "toxicity-filter-roberta",
    "support-assistant",
    "text-classification",
    "onnx",
    499,
    "Screens generated replies before agents see them.",
  ),
  artifact(
    "invoice-extractor-layoutlmv3",
    "document-understanding",
    "document-extraction",
    "pytorch",
    501,
    "Extracts line items from supplier invoices.",
  ),
  artifact(
    "contract-clause-ner",
    "document-understanding",
    "token-classification",
    "safetensors",
    413,
    "Tags clauses and parties in contracts.",
  ),
  artifact("doc-summarizer-t5-base", "document-understanding", "summarization", "safetensors", 892, "Summarises service manuals."),
  artifact(
    "manual-qa-mistral-7b",
    "document-understanding",
    "question-answering",
    "gguf",
    4370,
    "Answers technicians' questions from manuals.",
  ),
  artifact(
    "doc-language-detector-fasttext",
    "document-understanding",
    "language-identification",
    "pytorch",
    126,
    "Detects the language of scanned documents.",
  ),
  artifact(
    "demand-forecaster-tft",
    "demand-forecasting",
    "time-series-forecasting",
    "pytorch",
    36,
    "Weekly order forecasts per product line.",
  ),
  artifact(
    "spare-parts-forecaster-lightgbm",
    "demand-forecasting",
    "time-series-forecasting",
    "onnx",
    14,
    "Spare-part demand per service region.",
  ),
  artifact("price-elasticity-xgboost", "demand-forecasting", "regression", "onnx", 9, "Price elasticity for quoting."),
  artifact(
    "order-volume-prophet",
    "demand-forecasting",
    "time-series-forecasting",
    "pytorch",
    3,
    "Daily order volume for warehouse staffing.",
  ),
  artifact(
    "inventory-optimizer-deepar",
    "demand-forecasting",
    "time-series-forecasting",
    "pytorch",
    22,
    "Probabilistic stock levels for reorder points.",
  ),
  artifact("motor-failure-predictor-xgboost", "fleet-telemetry", "classification", "onnx", 11, "Predicts motor failures from telemetry."),
  artifact("battery-health-lstm", "fleet-telemetry", "regression", "pytorch", 18, "Estimates battery state of health."),
  artifact("vibration-anomaly-autoencoder", "fleet-telemetry", "anomaly-detection", "onnx", 27, "Flags abnormal vibration signatures."),
  artifact(
    "telemetry-anomaly-isolation-forest",
    "fleet-telemetry",
    "anomaly-detection",
    "onnx",
    6,
    "Baseline anomaly scores for fleet telemetry.",
  ),
  artifact("robot-uptime-survival-cox", "fleet-telemetry", "survival-analysis", "pytorch", 2, "Time-to-failure curves per robot model."),
];

/** Suffixes for variants when `scale` asks for more artifacts than the catalog holds. */
export const artifactVariants: readonly string[] = [
  "edge",
  "eu",
  "us",
  "apac",
  "distilled",
  "int8",
  "large",
  "small",
  "v2",
  "mobile",
  "batch",
  "realtime",
];

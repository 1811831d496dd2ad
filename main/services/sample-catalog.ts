/** The datasets bundled in resources/samples (credits in its README.md), as the app presents them. */
import type { SampleInfo } from '../api/contract.ts';

export type SampleEntry = Omit<SampleInfo, 'bytes'>;

export const SAMPLE_CATALOG: readonly SampleEntry[] = [
  {
    id: 'churn',
    title: 'Bank customer churn',
    fileName: 'Churn_Modelling.csv',
    description: 'Which of 10,000 bank customers left? Credit score, age, balance, country and more.',
    task: 'binary',
    target: 'Exited',
    rows: 10000,
    columns: 14,
    credit: 'Kaggle / SuperDataScience "Churn Modelling"',
  },
  {
    id: 'titanic',
    title: 'Titanic passengers',
    fileName: 'titanic.csv',
    description: 'Who survived? Class, sex, age and fare of 891 passengers, with gaps to fill.',
    task: 'binary',
    target: 'Survived',
    rows: 891,
    columns: 12,
    credit: 'Kaggle "Titanic" (Encyclopedia Titanica)',
  },
  {
    id: 'iris',
    title: 'Iris flowers',
    fileName: 'iris.csv',
    description: 'Tell three species apart from four petal and sepal measurements. Small and clean.',
    task: 'multiclass',
    target: 'species',
    rows: 150,
    columns: 5,
    credit: 'UCI Machine Learning Repository (CC BY 4.0)',
  },
  {
    id: 'housing',
    title: 'California housing',
    fileName: 'housing.csv',
    description: 'Predict the median house value of 20,640 districts from the 1990 census.',
    task: 'regression',
    target: 'median_house_value',
    rows: 20640,
    columns: 10,
    credit: 'StatLib (Pace & Barry 1997), via "Hands-On Machine Learning"',
  },
];
